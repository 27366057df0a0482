package dev.parallelrun.faults;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Contract-shaped outcome events (CloudEvents 1.0, structured JSON, as in shared-events' golden fixtures)
 * written as bytes, the way a participant puts them on {@code outcomes.legacy.v1} / {@code outcomes.shadow.v1}.
 * Each intent gets both outcome types from both sides; its {@link Kind} decides what reconciliation
 * should find. Outcome ids are derived from intent, side and type like a participant's, so a
 * redelivered outcome is byte for byte the same event.
 */
final class OutcomeEvents {

    static final String CONTEXT = "claims";
    static final String CLAIM_ASSESSED = "ClaimAssessed";
    static final String PAYMENT_DECIDED = "PaymentDecided";
    static final String LEGACY = "legacy";
    static final String SHADOW = "shadow";

    /** What the two sides of an intent disagree on, if anything. */
    enum Kind {
        /** identical answers: both pairs MATCH */
        MATCH("MATCH", "MATCH"),
        /** legacy rounds the payment half-up, the new service half-even: the payment pair is TOLERATED */
        ROUNDING("MATCH", "TOLERATED"),
        /** different fraud decisions: the assessment pair is a MISMATCH */
        FRAUD_DECISION("MISMATCH", "MATCH");

        final String assessed;
        final String payment;

        Kind(String assessed, String payment) {
            this.assessed = assessed;
            this.payment = payment;
        }

        String expected(String outcomeType) {
            return CLAIM_ASSESSED.equals(outcomeType) ? assessed : payment;
        }

        /** Half MATCH, three in ten ROUNDING, two in ten FRAUD_DECISION. */
        static Kind of(long intentIndex) {
            int slot = (int) (intentIndex % 10);
            return slot < 5 ? MATCH : slot < 8 ? ROUNDING : FRAUD_DECISION;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String POISON_SCORE = "424242";

    private OutcomeEvents() {
    }

    static byte[] outcome(String intentId, String correlationId, String side, String outcomeType, Kind kind, Instant time) {
        return JSON.writeValueAsBytes(envelope(intentId, correlationId, side, outcomeType, time,
                CLAIM_ASSESSED.equals(outcomeType) ? assessed(side, kind, 12) : payment(side, kind)));
    }

    /** Not JSON at all: a truncated event. */
    static byte[] malformed(String correlationId) {
        return ("{\"specversion\":\"1.0\",\"id\":\"" + correlationId + "\",\"type\":\"claims.ClaimAssessed.v1\",\"data\":{")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A valid envelope around a value nobody can process: {@code "riskScore": 1e10000} reads as a decimal
     * whose scale Jackson refuses to write again (beyond ±9999).
     */
    static byte[] unprocessable(String intentId, String correlationId, String side, Instant time) {
        String json = JSON.writeValueAsString(envelope(intentId, correlationId, side, CLAIM_ASSESSED, time,
                assessed(side, Kind.MATCH, Integer.parseInt(POISON_SCORE))));
        return json.replace("\"riskScore\":" + POISON_SCORE, "\"riskScore\":1e10000").getBytes(StandardCharsets.UTF_8);
    }

    static String outcomeId(String intentId, String side, String outcomeType) {
        return UUID.nameUUIDFromBytes((intentId + "|" + side + "|" + outcomeType).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static ObjectNode envelope(String intentId, String correlationId, String side, String outcomeType,
            Instant time, ObjectNode data) {
        ObjectNode event = JSON.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", outcomeId(intentId, side, outcomeType));
        event.put("type", CONTEXT + "." + outcomeType + ".v1");
        event.put("source", LEGACY.equals(side) ? "urn:parallelrun:legacy-adapter" : "urn:parallelrun:claims-service");
        event.put("time", time.toString());
        event.put("datacontenttype", "application/json");
        event.put("correlationid", correlationId);
        event.put("causationid", intentId);
        event.put("boundedcontext", CONTEXT);
        event.put("side", side);
        event.put("outcometype", outcomeType);
        event.put("outcomestatus", "completed");
        event.set("data", data);
        return event;
    }

    private static ObjectNode assessed(String side, Kind kind, int score) {
        boolean differs = kind == Kind.FRAUD_DECISION && SHADOW.equals(side);
        ObjectNode data = JSON.createObjectNode();
        data.put("claimId", "CLM-1001");
        data.put("fraudDecision", differs ? "REVIEW" : "CLEAR");
        data.put("riskScore", differs ? 48 : score);
        ArrayNode reasons = data.putArray("riskReasons");
        if (differs) {
            reasons.add("AMOUNT_OVER_5000");
        }
        return data;
    }

    private static ObjectNode payment(String side, Kind kind) {
        String amount = kind == Kind.ROUNDING && SHADOW.equals(side) ? "976.18" : "976.19";
        ObjectNode data = JSON.createObjectNode();
        data.put("claimId", "CLM-1001");
        data.put("decision", "APPROVED");
        data.put("paymentAmount", new java.math.BigDecimal(amount));
        data.put("reserveAmount", new java.math.BigDecimal("1358.02"));
        data.put("currency", "EUR");
        ArrayNode ledger = data.putArray("ledgerEntries");
        ledger.addObject().put("account", "claims-expense").put("direction", "DEBIT").put("amount", new java.math.BigDecimal(amount));
        ledger.addObject().put("account", "claims-payable").put("direction", "CREDIT").put("amount", new java.math.BigDecimal(amount));
        return data;
    }
}
