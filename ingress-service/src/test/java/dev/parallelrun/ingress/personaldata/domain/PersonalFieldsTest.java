package dev.parallelrun.ingress.personaldata.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.EventCodec;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PersonalFieldsTest {

    @Test
    void transformsTheValuesAtThePointersOnly() {
        JsonNode data = json("""
                {"claimId": "C-1", "claimant": {"name": "Erika", "email": "erika@example.org"}, "description": "Erika"}""");

        JsonNode transformed = PersonalFields.transform(data, Set.of("/claimant/name", "/claimant/email"),
                value -> "<" + value + ">");

        assertThat(transformed).isEqualTo(json("""
                {"claimId": "C-1", "claimant": {"name": "<Erika>", "email": "<erika@example.org>"}, "description": "Erika"}"""));
        assertThat(data.at("/claimant/name").stringValue()).as("the input is left alone").isEqualTo("Erika");
    }

    @Test
    void followsEveryArrayElementAndEverythingInsideAPersonalObject() {
        JsonNode data = json("""
                {"drivers": [{"name": "A"}, {"name": "B"}], "holder": {"iban": "DE89", "age": 41, "vip": true, "x": null}}""");

        JsonNode transformed = PersonalFields.transform(data, Set.of("/drivers/*/name", "/holder"), value -> "<" + value + ">");

        assertThat(transformed).isEqualTo(json("""
                {"drivers": [{"name": "<A>"}, {"name": "<B>"}],
                 "holder": {"iban": "<DE89>", "age": "<41>", "vip": "<true>", "x": null}}"""));
    }

    @Test
    void leavesAbsentFieldsAbsentAndKnowsWhetherAnyPersonalValueIsThere() {
        JsonNode data = json("{\"claimId\": \"C-1\", \"claimant\": {\"name\": null}}");

        assertThat(PersonalFields.transform(data, Set.of("/claimant/name", "/claimant/email"), value -> "x"))
                .isEqualTo(data);
        assertThat(PersonalFields.holdsAny(data, Set.of("/claimant/name", "/claimant/email"))).isFalse();
        assertThat(PersonalFields.holdsAny(json("{\"claimant\": {\"email\": \"e@x.org\"}}"), Set.of("/claimant/email")))
                .isTrue();
    }

    @Test
    void readsEscapedPointers() {
        JsonNode data = json("{\"a/b\": {\"c~d\": \"secret\"}}");

        assertThat(PersonalFields.transform(data, Set.of("/a~1b/c~0d"), value -> "x"))
                .isEqualTo(json("{\"a/b\": {\"c~d\": \"x\"}}"));
    }

    private static JsonNode json(String text) {
        return EventCodec.standard().mapper().readTree(text);
    }
}
