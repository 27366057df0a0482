package dev.parallelrun.ingress.intent.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.events.EventCodec;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class IntentSchemaCompilerTest {

    private final IntentSchemaCompiler compiler = new IntentSchemaCompiler(Clock.systemUTC());

    @Test
    void refusesADocumentWithoutAnEventType() {
        assertThatThrownBy(() -> compiler.compile("policies/PolicyRenewed.schema.json", json("{\"type\": \"object\"}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("policies/PolicyRenewed.schema.json")
                .hasMessageContaining("x-event-type");
    }

    @Test
    void refusesAnotherDialect() {
        assertThatThrownBy(() -> compiler.compile("old", json("""
                {"$schema": "http://json-schema.org/draft-07/schema#", "x-event-type": "policies.PolicyRenewed.v1"}""")))
                .hasMessageContaining("draft 2020-12");
    }

    @Test
    void refusesADocumentThatIsNoJsonSchema() {
        assertThatThrownBy(() -> compiler.compile("typo", json("""
                {"x-event-type": "policies.PolicyRenewed.v1", "type": "strnig"}""")))
                .hasMessageContaining("not a valid JSON Schema");
    }

    @Test
    void findsPersonalFieldsBehindReferencesAndInArrays() {
        IntentSchema schema = compiler.compile("test", json("""
                {"x-event-type": "policies.PolicyRenewed.v1", "type": "object",
                 "properties": {
                   "holder": {"$ref": "#/$defs/person"},
                   "drivers": {"type": "array", "items": {"$ref": "#/$defs/person"}},
                   "iban": {"type": "string", "x-personal-data": true, "x-data-subject": true}
                 },
                 "$defs": {"person": {"type": "object", "properties": {"name": {"type": "string", "x-personal-data": true}}}}}
                """));

        assertThat(schema.personalDataPaths()).containsExactlyInAnyOrder("/holder/name", "/drivers/*/name", "/iban");
        assertThat(schema.dataSubjectPath()).hasValue("/iban");
    }

    @Test
    void refusesPersonalFieldsWithoutADataSubject() {
        assertThatThrownBy(() -> compiler.compile("no-subject", json("""
                {"x-event-type": "policies.PolicyRenewed.v1", "type": "object",
                 "properties": {"iban": {"type": "string", "x-personal-data": true}}}""")))
                .hasMessageContaining("no-subject")
                .hasMessageContaining("exactly one")
                .hasMessageContaining("x-data-subject");
    }

    @Test
    void refusesTwoDataSubjects() {
        assertThatThrownBy(() -> compiler.compile("two", json("""
                {"x-event-type": "policies.PolicyRenewed.v1", "type": "object",
                 "properties": {"iban": {"type": "string", "x-personal-data": true, "x-data-subject": true},
                                "email": {"type": "string", "x-personal-data": true, "x-data-subject": true}}}""")))
                .hasMessageContaining("found 2");
    }

    @Test
    void refusesADataSubjectThatIsNotPersonalOrSitsInAnArray() {
        assertThatThrownBy(() -> compiler.compile("plain", json("""
                {"x-event-type": "policies.PolicyRenewed.v1", "type": "object",
                 "properties": {"name": {"type": "string", "x-personal-data": true},
                                "iban": {"type": "string", "x-data-subject": true}}}""")))
                .hasMessageContaining("must be marked \"x-personal-data\": true");
        assertThatThrownBy(() -> compiler.compile("array", json("""
                {"x-event-type": "policies.PolicyRenewed.v1", "type": "object",
                 "properties": {"drivers": {"type": "array", "items": {"type": "string",
                     "x-personal-data": true, "x-data-subject": true}}}}""")))
                .hasMessageContaining("inside an array");
    }

    @Test
    void anIntentTypeWithoutPersonalFieldsHasNoDataSubject() {
        IntentSchema schema = compiler.compile("test", json("""
                {"x-event-type": "policies.PolicyRenewed.v1", "type": "object",
                 "properties": {"premium": {"type": "number"}}}"""));

        assertThat(schema.dataSubjectPath()).isEmpty();
    }

    @Test
    void countsDecimalPlacesOnTheExactDecimal() {
        IntentSchema schema = compiler.compile("test", json("""
                {"x-event-type": "policies.PolicyRenewed.v1", "type": "object",
                 "properties": {"premium": {"type": "number", "x-max-decimal-places": 2}}}"""));

        // 0.1 + 0.2 is 0.30000000000000004 in binary floating point; as written it has one decimal place
        assertThat(schema.validate(json("{\"premium\": 0.30}"))).isEmpty();
        assertThat(schema.validate(json("{\"premium\": 4.35}"))).isEmpty();
        assertThat(schema.validate(json("{\"premium\": 4.351}")))
                .containsExactly(new Violation("/premium", "must have at most 2 decimal places"));
    }

    private static JsonNode json(String text) {
        return EventCodec.standard().mapper().readTree(text);
    }
}
