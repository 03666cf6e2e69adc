package org.karlproject.operator.sim;

/**
 * A running simulated ZEO server: its workload ({@code ns/name}), the volume it serves ({@code ns/pvc}) and
 * the read-only mode it read from zeo.conf when it started.
 */
public record ZeoServer(String workload, String volume, boolean readOnly) {
}
