package org.karlproject.operator.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrinterColumnsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aKarlSiteRowHasTheCrdColumnsInOrder() throws Exception {
        PrinterColumns site = PrinterColumns.of("karlsites");
        assertEquals(List.of("Active", "Target", "Phase", "Mode", "Ready", "Age"),
                site.columns().stream().map(PrinterColumns.Column::name).toList());

        JsonNode object = JSON.readTree("""
                {"metadata": {"name": "acme-staging", "creationTimestamp": "2026-11-29T10:00:00Z"},
                 "status": {"activeRelease": "acme-3-30", "targetRelease": "acme-3-31", "phase": "Deploying",
                            "mode": "Normal",
                            "conditions": [{"type": "Ready", "status": "False"}, {"type": "Stalled", "status": "True"}]}}
                """);
        assertEquals(List.of("acme-staging", "acme-3-30", "acme-3-31", "Deploying", "Normal", "False", "5m"),
                site.row(object, Instant.parse("2026-11-29T10:05:30Z")));
    }

    @Test
    void missingValuesAreEmpty() throws Exception {
        JsonNode object = JSON.readTree("{\"metadata\": {\"name\": \"x\"}}");
        assertEquals(List.of("x", "", "", "", "", ""), PrinterColumns.of("evolveruns").row(object, Instant.EPOCH).subList(0, 6));
    }
}
