package dev.parallelrun.benchmarks;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Contract-shaped claims outcomes (CloudEvents 1.0, structured JSON) as a participant puts them on the outcome
 * topics. Pair {@code i} is intent {@code i / 2}'s {@code ClaimAssessed} (even) or {@code PaymentDecided} (odd); the
 * intents are half identical answers, three in ten a payment rounded differently ({@code TOLERATED}), two in ten a
 * different fraud decision ({@code MISMATCH}).
 */
final class Outcomes {

    static final String LEGACY = "legacy";
    static final String SHADOW = "shadow";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Outcomes() {
    }

    static String correlationId(String run, long pair) {
        return prefix(run) + (pair / 2);
    }

    /** What every correlation id of a run starts with (runs are letters and digits: safe in a LIKE pattern). */
    static String prefix(String run) {
        return "bench-" + run + "-";
    }

    static String outcomeType(long pair) {
        return pair % 2 == 0 ? "ClaimAssessed" : "PaymentDecided";
    }

    /** What the pair's verdict must be. */
    static String expectedClassification(long pair) {
        int slot = (int) ((pair / 2) % 10);
        if (pair % 2 == 0) {
            return slot >= 8 ? "MISMATCH" : "MATCH";
        }
        return slot >= 5 && slot < 8 ? "TOLERATED" : "MATCH";
    }

    static byte[] outcome(String run, long pair, String side, Instant time) {
        String correlationId = correlationId(run, pair);
        String intentId = UUID.nameUUIDFromBytes(correlationId.getBytes(StandardCharsets.UTF_8)).toString();
        String outcomeType = outcomeType(pair);
        int slot = (int) ((pair / 2) % 10);
        boolean shadow = SHADOW.equals(side);
        ObjectNode event = JSON.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", UUID.nameUUIDFromBytes((intentId + "|" + side + "|" + outcomeType).getBytes(StandardCharsets.UTF_8))
                .toString());
        event.put("type", "claims." + outcomeType + ".v1");
        event.put("source", shadow ? "urn:parallelrun:claims-service" : "urn:parallelrun:legacy-adapter");
        event.put("time", time.toString());
        event.put("datacontenttype", "application/json");
        event.put("correlationid", correlationId);
        event.put("causationid", intentId);
        event.put("boundedcontext", "claims");
        event.put("side", side);
        event.put("outcometype", outcomeType);
        event.put("outcomestatus", "completed");
        ObjectNode data = event.putObject("data");
        data.put("claimId", "CLM-" + (pair / 2));
        if (pair % 2 == 0) {
            boolean differs = shadow && slot >= 8;
            data.put("fraudDecision", differs ? "REVIEW" : "CLEAR");
            data.put("riskScore", differs ? 48 : 12);
            ArrayNode reasons = data.putArray("riskReasons");
            if (differs) {
                reasons.add("AMOUNT_OVER_5000");
            }
        } else {
            BigDecimal amount = new BigDecimal(shadow && slot >= 5 && slot < 8 ? "976.18" : "976.19");
            data.put("decision", "APPROVED");
            data.put("paymentAmount", amount);
            data.put("reserveAmount", new BigDecimal("1358.02"));
            data.put("currency", "EUR");
            ArrayNode ledger = data.putArray("ledgerEntries");
            ledger.addObject().put("account", "claims-expense").put("direction", "DEBIT").put("amount", amount);
            ledger.addObject().put("account", "claims-payable").put("direction", "CREDIT").put("amount", amount);
        }
        return JSON.writeValueAsBytes(event);
    }
}
