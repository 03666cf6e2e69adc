package org.karlproject.operator.testing;

import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Installs the committed CRDs (and the CSI VolumeSnapshot CRD) into the Quarkus test's mock API server before the operator starts. */
public class InstallCrds implements Consumer<KubernetesServer> {

    @Override
    public void accept(KubernetesServer server) {
        try (Stream<Path> files = Files.list(Path.of("crds"))) {
            for (Path file : files.sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    server.getClient().load(in).create();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the ZeoDatabase reconciler watches CSI VolumeSnapshots: a real cluster has the snapshot CRDs installed
        server.getClient().apiextensions().v1().customResourceDefinitions()
                .resource(org.karlproject.operator.sim.VolumeSnapshots.crd()).create();
    }
}
