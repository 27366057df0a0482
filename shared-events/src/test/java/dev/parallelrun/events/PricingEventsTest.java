package dev.parallelrun.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.events.fixtures.GoldenEvents;
import dev.parallelrun.events.participant.Participant;
import dev.parallelrun.events.pricing.PremiumQuoted;
import dev.parallelrun.events.pricing.PricingContract;
import dev.parallelrun.events.pricing.QuoteRequested;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pricing context's wire contract, pinned by its golden fixtures. */
class PricingEventsTest {

    private final EventCodec codec = EventCodec.standard();

    @Test
    void namesThePricingContextItsIntentAndItsOutcome() {
        assertThat(PricingContract.QUOTE_REQUESTED.eventType()).isEqualTo("pricing.QuoteRequested.v1");
        assertThat(PricingContract.QUOTE_REQUESTED.topic()).isEqualTo("intents.pricing.v1");
        assertThat(IntentType.outcomeEventType(PricingContract.CONTEXT, PricingContract.PREMIUM_QUOTED))
                .isEqualTo("pricing.PremiumQuoted.v1");
    }

    @Test
    void readsAQuoteRequestWithAnExactInsuredSumAndItsOptionsInOrder() {
        CloudEvent event = GoldenEvents.event(GoldenEvents.QUOTE_REQUESTED);

        QuoteRequested quote = codec.data(event.data(), QuoteRequested.class);

        assertThat(event.type()).isEqualTo(PricingContract.QUOTE_REQUESTED.eventType());
        assertThat(event.boundedContext()).isEqualTo("pricing");
        assertThat(quote.insuredSum()).isEqualTo(new BigDecimal("300000.00"));
        assertThat(quote.requestedOptions()).containsExactly("glass", "theft", "roadside", "paperless");
        assertThat(quote.customer().email()).isEqualTo("erika@example.org");
    }

    @Test
    void readsBothSidesQuotesWhichDifferInTheTaxRoundedPerLineOrOnTheTotalThePaperlessPromotionAndTheirReference() {
        PremiumQuoted legacy = codec.data(GoldenEvents.event(GoldenEvents.PREMIUM_QUOTED_LEGACY).data(), PremiumQuoted.class);
        PremiumQuoted shadow = codec.data(GoldenEvents.event(GoldenEvents.PREMIUM_QUOTED_SHADOW).data(), PremiumQuoted.class);

        assertThat(legacy.grossPremium()).isEqualTo(new BigDecimal("633.04"));
        assertThat(legacy.taxAmount()).isEqualTo(new BigDecimal("101.08"));
        assertThat(shadow.grossPremium()).isEqualTo(new BigDecimal("633.03"));
        assertThat(shadow.taxAmount()).isEqualTo(new BigDecimal("101.07"));
        assertThat(legacy.netPremium()).isEqualTo(shadow.netPremium());
        assertThat(legacy.taxBasis()).isEqualTo(shadow.taxBasis()).isEqualTo("DE-IPT-19");
        assertThat(legacy.discountReasons()).isEqualTo(shadow.discountReasons()).containsExactly("MULTI_PRODUCT", "ONLINE");
        assertThat(legacy.promotions()).containsExactly("MULT", "WEB2");
        // the new service flags the paperless option with its marketing promotion (an accepted variance)
        assertThat(shadow.promotions()).containsExactly("EDOC", "MULT", "WEB2");
        // each side's own reference for the quote, generated per pricing: never the same
        assertThat(legacy.quoteReference()).isEqualTo("QR3F9A0C12B7E4");
        assertThat(shadow.quoteReference()).startsWith("PQ-").isNotEqualTo(legacy.quoteReference());
    }

    @Test
    void writesPromotionsSortedWhateverOrderTheyWereCollectedIn() {
        var collected = new LinkedHashSet<>(List.of("WEB2", "LOY5", "MULT"));
        PremiumQuoted quoted = new PremiumQuoted("QTE-1", "PQ-1", new BigDecimal("10.00"), new BigDecimal("8.40"), "DE-IPT-19",
                new BigDecimal("1.60"), "EUR", List.of("LOYALTY"), collected);

        String json = codec.mapper().writeValueAsString(quoted);

        assertThat(json).contains("\"promotions\":[\"LOY5\",\"MULT\",\"WEB2\"]")
                .contains("\"grossPremium\":10.00").contains("\"netPremium\":8.40");
        assertThat(codec.mapper().readValue(json, PremiumQuoted.class)).isEqualTo(quoted);
    }

    @Test
    void treatsMissingListsAsEmpty() {
        PremiumQuoted quoted = new PremiumQuoted("QTE-1", "PQ-1", BigDecimal.ONE, BigDecimal.ONE, "NET_PREMIUM", BigDecimal.ZERO,
                "EUR", null, null);
        QuoteRequested requested = new QuoteRequested("QTE-1", "home", "DE", "private", BigDecimal.TEN, "EUR", null,
                new QuoteRequested.Customer("A", "a@example.org"));

        assertThat(quoted.discountReasons()).isEmpty();
        assertThat(quoted.promotions()).isEmpty();
        assertThat(requested.requestedOptions()).isEmpty();
    }

    @Test
    void aParticipantReadsTheQuoteIntentAndRefusesItAsAClaim() {
        Participant legacy = new Participant(Side.LEGACY, "urn:test:legacy",
                Clock.fixed(Instant.parse("2026-11-02T10:20:31Z"), ZoneOffset.UTC), codec);
        CloudEvent intent = GoldenEvents.event(GoldenEvents.QUOTE_REQUESTED);

        QuoteRequested quote = legacy.readIntent(intent, PricingContract.QUOTE_REQUESTED, QuoteRequested.class);
        CloudEvent outcome = legacy.completed(intent, PricingContract.PREMIUM_QUOTED,
                codec.data(GoldenEvents.event(GoldenEvents.PREMIUM_QUOTED_LEGACY).data(), PremiumQuoted.class));

        assertThat(quote.quoteId()).isEqualTo("QTE-1001");
        assertThat(outcome.type()).isEqualTo("pricing.PremiumQuoted.v1");
        assertThat(outcome.boundedContext()).isEqualTo("pricing");
        assertThat(outcome.data()).isEqualTo(GoldenEvents.event(GoldenEvents.PREMIUM_QUOTED_LEGACY).data());
        assertThatThrownBy(() -> legacy.readIntent(intent, dev.parallelrun.events.claims.ClaimsContract.CLAIM_SUBMITTED,
                dev.parallelrun.events.claims.ClaimSubmitted.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("but got pricing.QuoteRequested.v1");
    }
}
