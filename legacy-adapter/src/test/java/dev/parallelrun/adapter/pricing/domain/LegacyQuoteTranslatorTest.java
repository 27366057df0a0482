package dev.parallelrun.adapter.pricing.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.adapter.claims.domain.LegacyCallResult;
import dev.parallelrun.adapter.shared.domain.LegacyCallFailure;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.fixtures.GoldenEvents;
import dev.parallelrun.events.pricing.PremiumQuoted;
import dev.parallelrun.events.pricing.QuoteRequested;
import dev.parallelrun.legacysystem.claims.domain.LegacyAmounts;
import dev.parallelrun.legacysystem.pricing.domain.LegacyPremiumModel;
import dev.parallelrun.legacysystem.pricing.domain.LegacyQuote;
import dev.parallelrun.legacysystem.pricing.domain.LegacyQuoteForm;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LegacyQuoteTranslatorTest {

    private static final String REQUEST_KEY = "4a7e2d10-5b3c-4f8e-9a61-7c2d3e4f5a01";
    private static final String SIXTEEN_SPACES = " ".repeat(16);

    private final LegacyQuoteTranslator translator = new LegacyQuoteTranslator();

    /** The golden intent's data (shared-events {@code golden/quote-requested.json}). */
    static QuoteRequested golden() {
        return EventCodec.standard().data(GoldenEvents.event(GoldenEvents.QUOTE_REQUESTED).data(), QuoteRequested.class);
    }

    static QuoteRequested quote(String quoteId, String productLine, String region, String segment, String insuredSum,
            String... options) {
        return new QuoteRequested(quoteId, productLine, region, segment, new BigDecimal(insuredSum), "EUR",
                List.of(options), new QuoteRequested.Customer("Max Mustermann", "max@example.org"));
    }

    static LegacyQuoteResponse.Line line(String code, String premium, String net, String tax) {
        return new LegacyQuoteResponse.Line(code, premium, net, tax);
    }

    /** The README's answer to the golden request. */
    static LegacyQuoteResponse quoted() {
        return new LegacyQuoteResponse("QTE-1001", "Q1", "QR3F9A0C12B7E4", "EUR", "531.96", "101.08", "633.04",
                "DE1900", "0203", "MULTWEB2        ", "", List.of(
                        line("BASE", "435.00", "413.25", "78.52"),
                        line("GLAS", "34.80", "33.06", "6.28"),
                        line("THEF", "65.25", "61.99", "11.78"),
                        line("ROAD", "24.90", "23.66", "4.50")));
    }

    static LegacyQuoteResponse declined(String quoteNo, String message) {
        return new LegacyQuoteResponse(quoteNo, "E7", "QR0B1C2D3E4F50", "EUR", "0.00", "0.00", "0.00", "", "",
                SIXTEEN_SPACES, message, List.of());
    }

    private QuoteOutcome answer(QuoteRequested quote, LegacyQuoteResponse response) {
        return translator.toOutcome(quote, new LegacyQuoteCallResult.Answered(response));
    }

    @Nested
    class ToTheLegacyRequest {

        @Test
        void writesTheGoldenRequestAsTheReadmeShowsIt() {
            LegacyQuoteRequest request = translator.toLegacyRequest(REQUEST_KEY, golden());

            assertThat(request).isEqualTo(new LegacyQuoteRequest(REQUEST_KEY, "QTE-1001", "HOME", "DE", "PRIV",
                    "300000.00", "EUR", "GLASTHEFROADEDOC", "Erika Mustermann", "erika@example.org"));
        }

        @Test
        void mapsEverySegmentAndOptionToItsLegacyCode() {
            String[] segments = {"private", "loyal", "young", "business"};
            String[] codes = {"PRIV", "LOYL", "YOUN", "BUSI"};
            for (int i = 0; i < segments.length; i++) {
                assertThat(translator.toLegacyRequest("k", quote("Q", "motor", "at", segments[i], "1000")).seg())
                        .isEqualTo(codes[i]);
            }
            LegacyQuoteRequest request = translator.toLegacyRequest("k", quote("Q", "travel", "CH", "Young", "1000",
                    "legal", "natural-hazards", "paperless", "Roadside", "theft", "glass"));

            assertThat(request.opts()).isEqualTo("LEGLELEMEDOCROADTHEFGLAS");
            assertThat(request.lob()).isEqualTo("TRAVEL");
            assertThat(request.ctry()).isEqualTo("CH");
        }

        @Test
        void writesTheInsuredSumWithExactlyTwoDecimals() {
            assertThat(translator.toLegacyRequest("k", quote("Q", "home", "DE", "private", "1000")).sumIns())
                    .isEqualTo("1000.00");
            assertThat(translator.toLegacyRequest("k", quote("Q", "home", "DE", "private", "0.5")).sumIns())
                    .isEqualTo("0.50");
            assertThat(translator.toLegacyRequest("k", quote("Q", "home", "DE", "private", "12.340")).sumIns())
                    .isEqualTo("12.34");
        }

        @Test
        void writesNoOptionsAsAnEmptyField() {
            assertThat(translator.toLegacyRequest("k", quote("Q", "home", "DE", "private", "1000")).opts()).isEmpty();
        }

        @Test
        void leavesMissingFieldsBlankForLegacyToRefuse() {
            QuoteRequested empty = new QuoteRequested(null, null, null, null, null, null, null, null);

            assertThat(translator.toLegacyRequest("k", empty))
                    .isEqualTo(new LegacyQuoteRequest("k", "", "", "", "", "", "", "", "", ""));
        }

        @Test
        void writesARepeatedOptionTwiceForLegacyToRefuse() {
            assertThat(translator.toLegacyRequest("k", quote("Q", "home", "DE", "private", "1000", "glass", "glass"))
                    .opts()).isEqualTo("GLASGLAS");
        }

        @Test
        void refusesWhatTheLegacyVocabularyCannotExpress() {
            assertThatThrownBy(() -> translator.toLegacyRequest("k", quote("Q", "home", "DE", "vip", "1000")))
                    .isInstanceOf(InvalidQuoteException.class).hasMessageContaining("customerSegment 'vip'");
            assertThatThrownBy(() -> translator.toLegacyRequest("k", quote("Q", "home", "DE", "private", "1000", "jet")))
                    .isInstanceOf(InvalidQuoteException.class).hasMessageContaining("option 'jet'");
            assertThatThrownBy(() -> translator.toLegacyRequest("k", quote("Q", "home", "DE", "private", "1000.005")))
                    .isInstanceOf(InvalidQuoteException.class).hasMessageContaining("more than two decimal places");
        }

        @Test
        void needsARequestKey() {
            assertThatThrownBy(() -> translator.toLegacyRequest(" ", golden()))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void keepsPersonalDataOutOfTheRequestsText() {
            assertThat(translator.toLegacyRequest(REQUEST_KEY, golden()).toString())
                    .doesNotContain("Erika", "erika@example.org");
        }
    }

    @Nested
    class ToTheCanonicalOutcome {

        @Test
        void translatesTheReadmesAnswerIntoTheGoldenLegacyOutcome() {
            PremiumQuoted expected = EventCodec.standard().data(
                    GoldenEvents.event(GoldenEvents.PREMIUM_QUOTED_LEGACY).data(), PremiumQuoted.class);

            assertThat(answer(golden(), quoted())).isEqualTo(new QuoteOutcome.Quoted(expected));
            assertThat(expected.grossPremium()).isEqualTo(new BigDecimal("633.04"));
        }

        @Test
        void completesAReferredQuoteLikeAQuotedOne() {
            LegacyQuoteResponse referred = new LegacyQuoteResponse("QTE-4001", "Q2", "QR0000000000AA", "EUR",
                    "4200.00", "798.00", "4998.00", "DE1900", "", SIXTEEN_SPACES, "REFERRED TO UNDERWRITER",
                    List.of(line("BASE", "4200.00", "4200.00", "798.00")));

            QuoteOutcome outcome = answer(quote("QTE-4001", "motor", "DE", "private", "150000.00"), referred);

            assertThat(outcome).isEqualTo(new QuoteOutcome.Quoted(new PremiumQuoted("QTE-4001",
                    "QR0000000000AA", new BigDecimal("4998.00"), new BigDecimal("4200.00"), "DE-IPT-19", new BigDecimal("798.00"), "EUR",
                    List.of(), Set.of())));
        }

        @Test
        void carriesLegacysQuoteRefAsTheQuoteReference() {
            LegacyQuoteResponse r = quoted();
            LegacyQuoteResponse padded = new LegacyQuoteResponse(r.quoteNo(), r.status(), " QR0000000000AC ", r.ccy(),
                    r.netPrem(), r.taxAmt(), r.grossPrem(), r.taxCd(), r.discRsn(), r.promo(), r.msg(), r.lines());

            assertThat(answer(golden(), padded)).isInstanceOfSatisfying(QuoteOutcome.Quoted.class,
                    quoted -> assertThat(quoted.quote().quoteReference()).isEqualTo("QR0000000000AC"));
        }

        @Test
        void failsOnAPricedQuoteWithoutAQuoteRef() {
            LegacyQuoteResponse r = quoted();
            assertUnreadable(new LegacyQuoteResponse(r.quoteNo(), r.status(), " ", r.ccy(), r.netPrem(), r.taxAmt(),
                    r.grossPrem(), r.taxCd(), r.discRsn(), r.promo(), r.msg(), r.lines()),
                    "QUOTE_REF is blank in a priced quote");
            assertUnreadable(new LegacyQuoteResponse(r.quoteNo(), r.status(), null, r.ccy(), r.netPrem(), r.taxAmt(),
                    r.grossPrem(), r.taxCd(), r.discRsn(), r.promo(), r.msg(), r.lines()),
                    "QUOTE_REF is blank in a priced quote");
        }

        @Test
        void takesTheTaxAsTheSumOfTheRoundedLineTaxes() {
            // travel/BE/BUSI/5000.00/LEGL: 5.00 + 3.61 = 8.61, where 93.00 x 9.25 % rounded once is 8.60
            LegacyQuoteResponse answer = new LegacyQuoteResponse("QTE-5001", "Q1", "QR0000000000AB", "EUR", "93.00",
                    "8.61", "101.61", "BE0925", "", SIXTEEN_SPACES, "", List.of(
                            line("BASE", "54.00", "54.00", "5.00"), line("LEGL", "39.00", "39.00", "3.61")));

            QuoteOutcome outcome = answer(quote("QTE-5001", "travel", "BE", "business", "5000.00", "legal"), answer);

            assertThat(outcome).isInstanceOfSatisfying(QuoteOutcome.Quoted.class, quoted -> {
                assertThat(quoted.quote().taxAmount()).isEqualTo(new BigDecimal("8.61"));
                assertThat(quoted.quote().grossPremium()).isEqualTo(new BigDecimal("101.61"));
                assertThat(quoted.quote().taxBasis()).isEqualTo("BE-IPT-9.25");
            });
        }

        @Test
        void rejectsAnE7RiskNotInsurableAsUninsurable() {
            assertThat(answer(quote("QTE-3002", "home", "DE", "private", "3000000.01"),
                    declined("QTE-3002", "RISK NOT INSURABLE")))
                    .isEqualTo(new QuoteOutcome.Rejected("uninsurable", "RISK NOT INSURABLE"));
        }

        @Test
        void rejectsAnE7LineNotOfferedAsNotOffered() {
            assertThat(answer(quote("QTE-3003", "home", "CH", "private", "1000.00"),
                    declined("QTE-3003", "LOB NOT OFFERED IN CTRY")))
                    .isEqualTo(new QuoteOutcome.Rejected("not-offered", "LOB NOT OFFERED IN CTRY"));
        }

        @Test
        void rejectsA422AsAnInvalidRequestWithTheProblemsDetail() {
            assertThat(translator.toOutcome(golden(), new LegacyQuoteCallResult.Refused("INVALID SEG VIP")))
                    .isEqualTo(new QuoteOutcome.Rejected("invalid-request", "INVALID SEG VIP"));
        }

        @Test
        void failsWhenLegacyDidNotAnswer() {
            assertThat(translator.toOutcome(golden(), new LegacyQuoteCallResult.Unavailable(
                    LegacyCallFailure.TIMEOUT, "no answer within 2s")))
                    .isEqualTo(new QuoteOutcome.Failed("legacy-timeout", "no answer within 2s"));
            assertThat(translator.toOutcome(golden(), new LegacyQuoteCallResult.Unavailable(
                    LegacyCallFailure.ERROR, "500 STATUS 99")))
                    .isEqualTo(new QuoteOutcome.Failed("legacy-error", "500 STATUS 99"));
        }

        @Test
        void failsOnAnE7WithAnUnknownMessageRatherThanGuessItsReason() {
            assertUnreadable(declined("QTE-1001", "COMPUTER SAYS NO"), "unknown MSG 'COMPUTER SAYS NO'");
        }

        @Test
        void failsOnAnUnknownStatus() {
            assertUnreadable(withStatus(quoted(), "Q9"), "unknown STATUS 'Q9'");
        }

        @Test
        void failsWhenTheTaxIsNotTheSumOfTheLineTaxes() {
            LegacyQuoteResponse r = quoted();
            assertUnreadable(new LegacyQuoteResponse(r.quoteNo(), r.status(), r.quoteRef(), r.ccy(), r.netPrem(),
                    "101.07", "633.03", r.taxCd(), r.discRsn(), r.promo(), r.msg(), r.lines()),
                    "TAX_AMT 101.07 is not the sum of LINES.TAX 101.08");
        }

        @Test
        void failsWhenGrossIsNotNetPlusTax() {
            LegacyQuoteResponse r = quoted();
            assertUnreadable(new LegacyQuoteResponse(r.quoteNo(), r.status(), r.quoteRef(), r.ccy(), r.netPrem(),
                    r.taxAmt(), "633.05", r.taxCd(), r.discRsn(), r.promo(), r.msg(), r.lines()),
                    "GROSS_PREM 633.05 is not NET_PREM + TAX_AMT");
        }

        @Test
        void failsOnAnAnswerForAnotherQuote() {
            assertUnreadable(quote("QTE-1002", "home", "DE", "private", "300000.00"), quoted(), "QUOTE_NO 'QTE-1001'");
        }

        @Test
        void failsOnAnAmountThatIsNotTwoDecimals() {
            LegacyQuoteResponse r = quoted();
            assertUnreadable(new LegacyQuoteResponse(r.quoteNo(), r.status(), r.quoteRef(), r.ccy(), "531.960",
                    r.taxAmt(), r.grossPrem(), r.taxCd(), r.discRsn(), r.promo(), r.msg(), r.lines()),
                    "NET_PREM is not an amount");
        }

        private LegacyQuoteResponse withStatus(LegacyQuoteResponse r, String status) {
            return new LegacyQuoteResponse(r.quoteNo(), status, r.quoteRef(), r.ccy(), r.netPrem(), r.taxAmt(),
                    r.grossPrem(), r.taxCd(), r.discRsn(), r.promo(), r.msg(), r.lines());
        }

        private void assertUnreadable(LegacyQuoteResponse response, String detail) {
            assertUnreadable(golden(), response, detail);
        }

        private void assertUnreadable(QuoteRequested quote, LegacyQuoteResponse response, String detail) {
            assertThat(answer(quote, response)).isInstanceOfSatisfying(QuoteOutcome.Failed.class, failed -> {
                assertThat(failed.reason()).isEqualTo("legacy-error");
                assertThat(failed.detail()).startsWith("unreadable legacy answer: ").contains(detail);
            });
        }
    }

    @Nested
    class AgainstTheLegacyPremiumModel {

        private final LegacyPremiumModel model = new LegacyPremiumModel();

        /** What the legacy stand-in answers for the request, built the way its web layer writes the body. */
        private LegacyQuoteResponse legacyAnswer(LegacyQuoteRequest r) {
            LegacyQuote quote = model.quote(new LegacyQuoteForm(r.reqKey(), r.quoteNo(), r.lob(), r.ctry(), r.seg(),
                    r.sumIns(), r.ccy(), r.opts(), r.custNm(), r.custEml()), "QR3F9A0C12B7E4");
            return new LegacyQuoteResponse(quote.quoteNo(), quote.status().code(), quote.quoteRef(), quote.currency(),
                    LegacyAmounts.format(quote.netCents()), LegacyAmounts.format(quote.taxCents()),
                    LegacyAmounts.format(quote.grossCents()), quote.taxCode(), quote.discountReasonField(),
                    quote.promotionField(), quote.message(), quote.lines().stream()
                            .map(l -> line(l.code(), LegacyAmounts.format(l.premiumCents()),
                                    LegacyAmounts.format(l.netCents()), LegacyAmounts.format(l.taxCents())))
                            .toList());
        }

        private QuoteOutcome roundTrip(QuoteRequested quote) {
            return answer(quote, legacyAnswer(translator.toLegacyRequest(REQUEST_KEY, quote)));
        }

        @Test
        void roundTripsTheGoldenRequestToTheGoldenLegacyOutcome() {
            PremiumQuoted expected = EventCodec.standard().data(
                    GoldenEvents.event(GoldenEvents.PREMIUM_QUOTED_LEGACY).data(), PremiumQuoted.class);

            assertThat(roundTrip(golden())).isEqualTo(new QuoteOutcome.Quoted(expected));
        }

        @Test
        void readsEveryDiscountAndPromotionTheModelGrants() {
            QuoteOutcome outcome = roundTrip(quote("QTE-6001", "home", "AT", "loyal", "200000.00", "paperless", "legal",
                    "glass"));

            assertThat(outcome).isInstanceOfSatisfying(QuoteOutcome.Quoted.class, quoted -> {
                assertThat(quoted.quote().discountReasons()).containsExactly("LOYALTY", "MULTI_PRODUCT", "ONLINE");
                assertThat(quoted.quote().promotions()).containsExactly("LOY5", "MULT", "WEB2");
                assertThat(quoted.quote().taxBasis()).isEqualTo("AT-IPT-11");
            });
        }

        @Test
        void completesAReferredQuote() {
            assertThat(roundTrip(quote("QTE-6004", "motor", "DE", "private", "150000.00")))
                    .isEqualTo(new QuoteOutcome.Quoted(new PremiumQuoted("QTE-6004", "QR3F9A0C12B7E4", new BigDecimal("4998.00"),
                            new BigDecimal("4200.00"), "DE-IPT-19", new BigDecimal("798.00"), "EUR", List.of(), Set.of())));
        }

        @Test
        void readsBothMeaningsOfE7() {
            assertThat(roundTrip(quote("QTE-6002", "travel", "DE", "private", "50000.01")))
                    .isEqualTo(new QuoteOutcome.Rejected("uninsurable", "RISK NOT INSURABLE"));
            assertThat(roundTrip(quote("QTE-6003", "home", "CH", "private", "1000.00")))
                    .isEqualTo(new QuoteOutcome.Rejected("not-offered", "LOB NOT OFFERED IN CTRY"));
        }
    }
}
