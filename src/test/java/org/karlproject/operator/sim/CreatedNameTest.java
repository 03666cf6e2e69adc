package org.karlproject.operator.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

/** The request log names the object a create asks for, as the client serialises it. */
class CreatedNameTest {

    @Test
    void theNameOfACreateIsMetadataName() {
        String body = Serialization.asJson(new ConfigMapBuilder().withNewMetadata().withName("site-0001-etc")
                .withNamespace("fleet").addToLabels("app.kubernetes.io/name", "karl").endMetadata()
                .addToData("name", "not this").build());
        assertEquals("site-0001-etc", AccountingDispatcher.createdName(body));
    }

    @Test
    void noBodyNoName() {
        assertEquals("", AccountingDispatcher.createdName(null));
    }
}
