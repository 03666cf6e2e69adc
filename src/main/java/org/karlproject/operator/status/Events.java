package org.karlproject.operator.status;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.karlproject.operator.k8s.Names;

/**
 * Kubernetes Events for {@code kubectl describe}. Callers emit an event only when something happened (a
 * verdict changed, a step finished), never on a reconcile with nothing to do. An event's name is derived
 * from the object, the reason and the message, so a retried reconcile cannot record the same event twice.
 * Failing to record an event never fails a reconcile.
 */
public final class Events {

    private static final Logger LOG = Logger.getLogger(Events.class);
    private static final String COMPONENT = "karl-operator";

    private Events() {
    }

    /** An event a decision tells besides its verdict's (a volume switched, a backup taken). */
    public record Note(boolean warning, String reason, String message) {

        public static Note normal(String reason, String message) {
            return new Note(false, reason, message);
        }

        public static Note warning(String reason, String message) {
            return new Note(true, reason, message);
        }
    }

    /** Records {@code note} about {@code about}. */
    public static void tell(KubernetesClient client, HasMetadata about, Note note, Clock clock) {
        record(client, about, note.warning() ? "Warning" : "Normal", note.reason(), note.message(), clock);
    }

    public static void normal(KubernetesClient client, HasMetadata about, String reason, String message, Clock clock) {
        record(client, about, "Normal", reason, message, clock);
    }

    public static void warning(KubernetesClient client, HasMetadata about, String reason, String message, Clock clock) {
        record(client, about, "Warning", reason, message, clock);
    }

    /** Records the event when {@code now} differs from {@code before} (a new verdict), with its type from the state. */
    public static void onChange(KubernetesClient client, HasMetadata about, Optional<Health> before, Health now,
            Clock clock) {
        if (before.isPresent() && before.get().equals(now)) {
            return;
        }
        record(client, about, now.state() == Health.State.STALLED ? "Warning" : "Normal", now.reason(), now.message(),
                clock);
    }

    private static void record(KubernetesClient client, HasMetadata about, String type, String reason, String message,
            Clock clock) {
        String now = clock.instant().toString();
        String id = about.getMetadata().getUid() + "/" + about.getMetadata().getGeneration() + "/" + reason + "/" + message;
        String name = Names.join(Names.MAX_NAME, about.getMetadata().getName(), Names.hash(id).substring(0, 16));
        try {
            client.v1().events().inNamespace(about.getMetadata().getNamespace()).resource(new EventBuilder()
                    .withNewMetadata().withName(name).withNamespace(about.getMetadata().getNamespace()).endMetadata()
                    .withInvolvedObject(new ObjectReferenceBuilder()
                            .withApiVersion(about.getApiVersion()).withKind(about.getKind())
                            .withName(about.getMetadata().getName())
                            .withNamespace(about.getMetadata().getNamespace())
                            .withUid(about.getMetadata().getUid())
                            .withResourceVersion(about.getMetadata().getResourceVersion()).build())
                    .withType(type).withReason(reason).withMessage(message)
                    .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                    .withNewSource().withComponent(COMPONENT).endSource()
                    .withReportingComponent(COMPONENT)
                    .build()).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                LOG.debugf("could not record event %s on %s: %s", reason, about.getMetadata().getName(), e.getMessage());
            }
        }
    }
}
