package dev.parallelrun.ingress.authority.domain;

import tools.jackson.databind.JsonNode;

/**
 * The attributes of an intent that a cohort names: its product line and region (the top-level {@code productLine} and
 * {@code region} text fields of its data, as every intent type of the platform has them) and the channel that posted
 * it. An attribute the intent lacks is {@code null}, which no cohort naming that attribute matches.
 */
public record CohortAttributes(String productLine, String region, String channel) {

    public static final String PRODUCT_LINE = "productLine";
    public static final String REGION = "region";

    /** The attributes of an intent with this data, posted by that channel. */
    public static CohortAttributes of(JsonNode data, String channel) {
        return new CohortAttributes(text(data, PRODUCT_LINE), text(data, REGION), channel);
    }

    private static String text(JsonNode data, String field) {
        if (data == null || !data.isObject()) {
            return null;
        }
        JsonNode value = data.get(field);
        // only a string is an attribute: a number or an object in its place matches no cohort
        return value != null && value.isString() ? value.stringValue() : null;
    }
}
