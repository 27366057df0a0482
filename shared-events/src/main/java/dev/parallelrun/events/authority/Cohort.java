package dev.parallelrun.events.authority;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * A predicate on an intent's attributes: the intents whose product line, region and channel equal every attribute the
 * cohort names (an attribute it leaves out matches anything). A cohort names at least one attribute.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Cohort(String productLine, String region, String channel) {

    public Cohort {
        productLine = normalize("productLine", productLine);
        region = normalize("region", region);
        channel = normalize("channel", channel);
        if (productLine == null && region == null && channel == null) {
            throw new IllegalArgumentException("a cohort names at least one of productLine, region, channel");
        }
    }

    /** Whether an intent with these attributes belongs to the cohort. */
    public boolean matches(String intentProductLine, String intentRegion, String intentChannel) {
        return (productLine == null || productLine.equals(intentProductLine))
                && (region == null || region.equals(intentRegion))
                && (channel == null || channel.equals(intentChannel));
    }

    /** Whether every intent of this cohort is also in the other one (the other is as wide or wider). */
    public boolean within(Cohort other) {
        return (other.productLine == null || Objects.equals(other.productLine, productLine))
                && (other.region == null || Objects.equals(other.region, region))
                && (other.channel == null || Objects.equals(other.channel, channel));
    }

    private static String normalize(String name, String value) {
        if (value == null) {
            return null;
        }
        if (value.isBlank() || value.length() > 64 || !value.strip().equals(value)) {
            throw new IllegalArgumentException("cohort " + name + " must be 1 to 64 characters without surrounding "
                    + "blanks, was '" + value + "'");
        }
        return value;
    }
}
