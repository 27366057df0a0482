package dev.parallelrun.ingress.intent.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.events.EventCodec;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntentCatalogTest {

    private final IntentSchema claimSchema = ShippedSchemas.claimSubmitted(Clock.systemUTC());
    private final IntentSchemaCompiler compiler = new IntentSchemaCompiler(Clock.systemUTC());

    @Test
    void findsARegisteredIntentByItsPathName() {
        IntentCatalog catalog = IntentCatalog.of(List.of(claimSchema));

        RegisteredIntent intent = catalog.get("ClaimSubmitted");

        assertThat(intent.type().eventType()).isEqualTo("claims.ClaimSubmitted.v1");
        assertThat(intent.type().topic()).isEqualTo("intents.claims.v1");
        assertThat(intent.schema()).isSameAs(claimSchema);
    }

    @Test
    void refusesAnUnknownIntentType() {
        IntentCatalog catalog = IntentCatalog.of(List.of(claimSchema));

        assertThatThrownBy(() -> catalog.get("claimsubmitted")).isInstanceOf(UnknownIntentTypeException.class);
        assertThatThrownBy(() -> catalog.get(null)).isInstanceOf(UnknownIntentTypeException.class);
    }

    @Test
    void takesMoreIntentTypesFromTheirSchemas() {
        IntentSchema policyRenewed = compiler.compile("test", EventCodec.standard().mapper().readTree("""
                {"$schema": "https://json-schema.org/draft/2020-12/schema", "x-event-type": "policies.PolicyRenewed.v2",
                 "type": "object"}"""));

        IntentCatalog catalog = IntentCatalog.of(List.of(claimSchema, policyRenewed));

        assertThat(catalog.get("PolicyRenewed").type().eventType()).isEqualTo("policies.PolicyRenewed.v2");
        assertThat(catalog.boundedContexts()).containsExactly("claims", "policies");
    }

    @Test
    void refusesTwoSchemasForOneIntentType() {
        assertThatThrownBy(() -> IntentCatalog.of(List.of(claimSchema, ShippedSchemas.claimSubmitted(Clock.systemUTC()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ClaimSubmitted is described twice");
    }

    @Test
    void refusesAnEmptyCatalog() {
        assertThatThrownBy(() -> IntentCatalog.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
