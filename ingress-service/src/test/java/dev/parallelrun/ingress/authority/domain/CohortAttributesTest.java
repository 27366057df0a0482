package dev.parallelrun.ingress.authority.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.EventCodec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CohortAttributesTest {

    private static final EventCodec CODEC = EventCodec.standard();

    @Test
    void readsTheTopLevelProductLineAndRegionAndTakesTheChannelsName() {
        JsonNode claim = json("""
                {"claimId": "CLM-1", "productLine": "motor", "region": "DE", "claimant": {"region": "FR"}}""");

        assertThat(CohortAttributes.of(claim, "web-portal"))
                .isEqualTo(new CohortAttributes("motor", "DE", "web-portal"));
    }

    @Test
    void anAbsentAttributeIsNullAndNotLookedForDeeper() {
        JsonNode quote = json("""
                {"quoteId": "Q-1", "customer": {"productLine": "home", "region": "DE"}}""");

        assertThat(CohortAttributes.of(quote, "call-centre"))
                .isEqualTo(new CohortAttributes(null, null, "call-centre"));
    }

    @Test
    void aValueThatIsNotTextIsNoAttribute() {
        JsonNode odd = json("""
                {"productLine": 7, "region": {"code": "DE"}}""");

        assertThat(CohortAttributes.of(odd, "web-portal")).isEqualTo(new CohortAttributes(null, null, "web-portal"));
    }

    @Test
    void dataThatIsNoObjectHasNoAttributes() {
        assertThat(CohortAttributes.of(json("[\"motor\"]"), "web-portal"))
                .isEqualTo(new CohortAttributes(null, null, "web-portal"));
        assertThat(CohortAttributes.of(null, "web-portal")).isEqualTo(new CohortAttributes(null, null, "web-portal"));
    }

    private static JsonNode json(String text) {
        return CODEC.mapper().readTree(text);
    }
}
