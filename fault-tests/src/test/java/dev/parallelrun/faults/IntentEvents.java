package dev.parallelrun.faults;

import java.math.BigDecimal;
import java.time.Instant;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Contract-shaped claim intents (CloudEvents 1.0, structured JSON, as shared-events' {@code claim-submitted.json}
 * golden fixture), written as bytes the way the ingress puts them on {@code intents.claims.v1}: originals, with no
 * replay attribute and no replay header, which is what a governed replay selects.
 */
final class IntentEvents {

    static final String TOPIC = "intents." + OutcomeEvents.CONTEXT + ".v1";
    static final String TYPE = OutcomeEvents.CONTEXT + ".ClaimSubmitted.v1";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private IntentEvents() {
    }

    static byte[] claimSubmitted(String eventId, String correlationId, int index, Instant time) {
        ObjectNode event = JSON.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", eventId);
        event.put("type", TYPE);
        event.put("source", "urn:parallelrun:ingress:channel:web-portal");
        event.put("time", time.toString());
        event.put("datacontenttype", "application/json");
        event.put("correlationid", correlationId);
        event.put("boundedcontext", OutcomeEvents.CONTEXT);
        ObjectNode data = event.putObject("data");
        data.put("claimId", "CLM-" + (100_000 + index));
        data.put("policyId", "POL-77");
        data.put("productLine", "motor");
        data.put("region", "DE");
        data.put("claimedAmount", new BigDecimal("1234.56"));
        data.put("currency", "EUR");
        data.put("incidentDate", "2026-11-01");
        data.put("description", "rear-end collision");
        data.putObject("claimant").put("name", "Erika Mustermann").put("email", "erika@example.org");
        return JSON.writeValueAsBytes(event);
    }
}
