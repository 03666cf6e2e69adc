package org.karlproject.operator.sandbox;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Inside the Quarkus application: when it was started by the sandbox command, play the story. */
@ApplicationScoped
class SandboxStartup {

    void onStart(@Observes StartupEvent event) {
        SandboxCommand.session().ifPresent(SandboxSession::begin);
    }
}
