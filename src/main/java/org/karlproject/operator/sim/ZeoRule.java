package org.karlproject.operator.sim;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the simulated cluster recognises a ZEO server and its read-only mode. A ZEO server is a Deployment or
 * StatefulSet whose metadata carries {@code labelKey=labelValue} (default {@code app.kubernetes.io/name=zeo}).
 * It serves the first PersistentVolumeClaim its pod template mounts, and reads its configuration from the key
 * {@code configKey} (default {@code zeo.conf}) of a ConfigMap that its pod template mounts. It is read-only
 * when that file has a line {@code read-only true}; writable when the line says {@code false}, or when
 * there is no such line or file (ZEO's own default).
 *
 * <p>Like a real process, a ZEO server reads its configuration when it starts: the simulated cluster reads
 * zeo.conf when the workload becomes ready for its current generation, so editing the ConfigMap without
 * restarting ZEO (a new pod template) changes nothing.
 */
public record ZeoRule(String labelKey, String labelValue, String configKey) {
    public static final ZeoRule DEFAULT = new ZeoRule("app.kubernetes.io/name", "zeo", "zeo.conf");
    private static final Pattern READ_ONLY = Pattern.compile("(?m)^\\s*read-only\\s+(true|false)\\s*$");

    /** Whether a zeo.conf text makes the server read-only. */
    public static boolean readOnly(String zeoConf) {
        return Optional.ofNullable(zeoConf).map(READ_ONLY::matcher).filter(Matcher::find)
                .map(m -> m.group(1).equals("true")).orElse(false);
    }
}
