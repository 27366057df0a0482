package dev.parallelrun.ingress.intent.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.fixtures.GoldenEvents;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The shipped schema of the pricing context's intent, {@code intent-schemas/pricing/QuoteRequested.schema.json}:
 * the second intent type, added as a file and nothing else.
 */
class QuoteRequestedSchemaTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-02T10:20:30Z"), ZoneOffset.UTC);
    private static final String RESOURCE = "/intent-schemas/pricing/QuoteRequested.schema.json";

    private final IntentSchema schema = ShippedSchemas.load(RESOURCE, CLOCK);

    @Test
    void namesThePricingContextAndMarksTheCustomerAsPersonalData() {
        assertThat(schema.type().boundedContext()).isEqualTo("pricing");
        assertThat(schema.type().eventType()).isEqualTo("pricing.QuoteRequested.v1");
        assertThat(schema.personalDataPaths()).containsExactlyInAnyOrder("/customer/name", "/customer/email");
        assertThat(schema.dataSubjectPath()).hasValue("/customer/email");
    }

    @Test
    void acceptsTheGoldenQuoteRequest() {
        assertThat(schema.validate(goldenQuote())).isEmpty();
    }

    @Test
    void refusesAnInsuredSumWithThreeDecimalsReadAsTheDecimalWritten() {
        ObjectNode quote = goldenQuote();
        quote.put("insuredSum", new BigDecimal("300000.005"));

        assertThat(schema.validate(quote)).extracting(Violation::pointer).containsExactly("/insuredSum");
    }

    @Test
    void refusesAnOptionRequestedTwiceAndNamesEveryFailingField() {
        ObjectNode quote = goldenQuote();
        quote.putArray("requestedOptions").add("glass").add("glass");
        quote.put("currency", "EURO");
        ((ObjectNode) quote.get("customer")).put("email", "not-an-address");
        quote.remove("quoteId");

        assertThat(schema.validate(quote)).extracting(Violation::pointer)
                .containsExactlyInAnyOrder("/requestedOptions", "/currency", "/customer/email", "/quoteId");
    }

    @Test
    void leavesUnknownCodesToTheParticipantsWhoJudgeThem() {
        ObjectNode quote = goldenQuote();
        quote.put("productLine", "spaceflight");
        quote.put("customerSegment", "vip");

        assertThat(schema.validate(quote)).isEmpty();
    }

    private static ObjectNode goldenQuote() {
        return (ObjectNode) GoldenEvents.event(GoldenEvents.QUOTE_REQUESTED).data().deepCopy();
    }
}
