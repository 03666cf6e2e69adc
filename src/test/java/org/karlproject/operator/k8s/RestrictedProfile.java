package org.karlproject.operator.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a pod spec against the Pod Security "restricted" profile (Kubernetes 1.30 rules), for the
 * builder tests of every pod the operator creates.
 */
public final class RestrictedProfile {

    private RestrictedProfile() {
    }

    public static void assertRestricted(PodSpec pod) {
        assertTrue(pod.getHostNetwork() == null || !pod.getHostNetwork(), "hostNetwork");
        assertTrue(pod.getHostPID() == null || !pod.getHostPID(), "hostPID");
        assertTrue(pod.getHostIPC() == null || !pod.getHostIPC(), "hostIPC");
        pod.getVolumes().forEach(v -> assertEquals(null, v.getHostPath(), "hostPath volume " + v.getName()));
        String podSeccomp = pod.getSecurityContext() == null || pod.getSecurityContext().getSeccompProfile() == null
                ? null : pod.getSecurityContext().getSeccompProfile().getType();
        boolean podNonRoot = pod.getSecurityContext() != null && Boolean.TRUE.equals(pod.getSecurityContext().getRunAsNonRoot());
        if (pod.getSecurityContext() != null && pod.getSecurityContext().getRunAsUser() != null) {
            assertNotEquals(0L, pod.getSecurityContext().getRunAsUser(), "pod runAsUser 0");
        }
        List<Container> containers = new ArrayList<>(pod.getContainers());
        if (pod.getInitContainers() != null) {
            containers.addAll(pod.getInitContainers());
        }
        for (Container c : containers) {
            var sc = c.getSecurityContext();
            assertTrue(sc != null, c.getName() + ": securityContext");
            assertEquals(Boolean.FALSE, sc.getAllowPrivilegeEscalation(), c.getName() + ": allowPrivilegeEscalation");
            assertTrue(sc.getPrivileged() == null || !sc.getPrivileged(), c.getName() + ": privileged");
            assertTrue(sc.getCapabilities() != null && sc.getCapabilities().getDrop().contains("ALL"),
                    c.getName() + ": capabilities.drop ALL");
            assertTrue(sc.getCapabilities().getAdd() == null || sc.getCapabilities().getAdd().isEmpty()
                    || sc.getCapabilities().getAdd().equals(List.of("NET_BIND_SERVICE")), c.getName() + ": capabilities.add");
            assertTrue(podNonRoot || Boolean.TRUE.equals(sc.getRunAsNonRoot()), c.getName() + ": runAsNonRoot");
            if (sc.getRunAsUser() != null) {
                assertNotEquals(0L, sc.getRunAsUser(), c.getName() + ": runAsUser 0");
            }
            String seccomp = sc.getSeccompProfile() != null ? sc.getSeccompProfile().getType() : podSeccomp;
            assertTrue("RuntimeDefault".equals(seccomp) || "Localhost".equals(seccomp), c.getName() + ": seccompProfile");
            assertTrue(c.getImage().contains("@sha256:"), c.getName() + ": image pinned by digest: " + c.getImage());
        }
    }
}
