package dev.parallelrun.ingress.intent.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.events.IntentType;
import dev.parallelrun.events.claims.ClaimsContract;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class IntentCatalogTest {

    private final ClaimSubmittedSchema claimSchema = new ClaimSubmittedSchema(Clock.systemUTC());

    @Test
    void findsARegisteredIntentByItsPathName() {
        IntentCatalog catalog = IntentCatalog.of(Map.of(ClaimsContract.CLAIM_SUBMITTED, ClaimSubmittedSchema.NAME),
                List.of(claimSchema));

        RegisteredIntent intent = catalog.get("ClaimSubmitted");

        assertThat(intent.type().eventType()).isEqualTo("claims.ClaimSubmitted.v1");
        assertThat(intent.type().topic()).isEqualTo("intents.claims.v1");
        assertThat(intent.schema()).isSameAs(claimSchema);
    }

    @Test
    void refusesAnUnknownIntentType() {
        IntentCatalog catalog = IntentCatalog.of(Map.of(ClaimsContract.CLAIM_SUBMITTED, ClaimSubmittedSchema.NAME),
                List.of(claimSchema));

        assertThatThrownBy(() -> catalog.get("claimsubmitted")).isInstanceOf(UnknownIntentTypeException.class);
        assertThatThrownBy(() -> catalog.get(null)).isInstanceOf(UnknownIntentTypeException.class);
    }

    @Test
    void registersMoreIntentTypesAsDataWithTheirSchemas() {
        IntentSchema anything = new IntentSchema() {
            @Override
            public String name() {
                return "anything";
            }

            @Override
            public List<Violation> validate(JsonNode data) {
                return List.of();
            }
        };
        Map<IntentType, String> types = new LinkedHashMap<>();
        types.put(ClaimsContract.CLAIM_SUBMITTED, ClaimSubmittedSchema.NAME);
        types.put(new IntentType("PolicyRenewed", "policies", 2), "anything");

        IntentCatalog catalog = IntentCatalog.of(types, List.of(claimSchema, anything));

        assertThat(catalog.get("PolicyRenewed").type().eventType()).isEqualTo("policies.PolicyRenewed.v2");
        assertThat(catalog.boundedContexts()).containsExactly("claims", "policies");
    }

    @Test
    void refusesATypeWhoseSchemaDoesNotExist() {
        assertThatThrownBy(() -> IntentCatalog.of(Map.of(ClaimsContract.CLAIM_SUBMITTED, "no-such-schema"),
                List.of(claimSchema)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-such-schema");
    }

    @Test
    void refusesAnEmptyCatalog() {
        assertThatThrownBy(() -> IntentCatalog.of(Map.of(), List.of(claimSchema)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
