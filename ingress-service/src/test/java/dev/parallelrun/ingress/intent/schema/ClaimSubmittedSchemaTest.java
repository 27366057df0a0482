package dev.parallelrun.ingress.intent.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.fixtures.GoldenEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The shipped schema file {@code intent-schemas/claims/ClaimSubmitted.schema.json}, case by case what the
 * hand-written validator it replaced accepted and refused, with the same JSON pointers.
 */
class ClaimSubmittedSchemaTest {

    static final int MAX_ID_LENGTH = 64;
    static final int MAX_CODE_LENGTH = 32;
    static final int MAX_DESCRIPTION_LENGTH = 2000;
    static final int MAX_NAME_LENGTH = 200;

    /** 2026-11-02T09:15:30Z: the report time of the golden claim. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-02T09:15:30Z"), ZoneOffset.UTC);

    private final IntentSchema schema = ShippedSchemas.claimSubmitted(CLOCK);

    @Test
    void acceptsTheGoldenClaim() {
        assertThat(schema.validate(goldenClaim())).isEmpty();
    }

    @Test
    void acceptsAWholeAmountAndAnEmptyDescription() {
        ObjectNode claim = goldenClaim();
        claim.put("claimedAmount", 500);
        claim.put("description", "");

        assertThat(schema.validate(claim)).isEmpty();
    }

    @Test
    void reportsEveryMissingPropertyWithItsPointer() {
        List<Violation> violations = schema.validate(json("{\"claimant\": {}}"));

        assertThat(violations).containsExactlyInAnyOrder(
                new Violation("/claimId", "is required"),
                new Violation("/policyId", "is required"),
                new Violation("/productLine", "is required"),
                new Violation("/region", "is required"),
                new Violation("/claimedAmount", "is required"),
                new Violation("/currency", "is required"),
                new Violation("/incidentDate", "is required"),
                new Violation("/description", "is required"),
                new Violation("/claimant/name", "is required"),
                new Violation("/claimant/email", "is required"));
    }

    @Test
    void treatsNullAsMissing() {
        ObjectNode claim = goldenClaim();
        claim.putNull("policyId");
        claim.putNull("claimant");

        assertThat(schema.validate(claim)).containsExactlyInAnyOrder(
                new Violation("/policyId", "is required"),
                new Violation("/claimant", "is required"));
    }

    @Test
    void refusesABodyThatIsNotAnObject() {
        assertThat(schema.validate(json("[1, 2]")))
                .containsExactly(new Violation("", "must be a JSON object, not an array"));
    }

    @Test
    void refusesWrongJsonTypes() {
        ObjectNode claim = goldenClaim();
        claim.put("claimId", 1001);
        claim.put("claimedAmount", "1234.56");
        claim.put("incidentDate", true);
        claim.putArray("claimant");

        assertThat(schema.validate(claim)).containsExactlyInAnyOrder(
                new Violation("/claimId", "must be a JSON string, not a number"),
                new Violation("/claimedAmount", "must be a JSON number, not a string"),
                new Violation("/incidentDate", "must be a JSON string, not a boolean"),
                new Violation("/claimant", "must be a JSON object, not an array"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00", "-1", "-0.01"})
    void refusesAnAmountThatIsNotPositive(String amount) {
        assertThat(schema.validate(withAmount(amount)))
                .containsExactly(new Violation("/claimedAmount", "must be greater than 0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234.567", "0.001", "10.500"})
    void refusesAnAmountWithMoreThanTwoDecimals(String amount) {
        assertThat(schema.validate(withAmount(amount)))
                .containsExactly(new Violation("/claimedAmount", "must have at most 2 decimal places"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.01", "1234.5", "1234.56", "999999999999.99", "1e3"})
    void acceptsAPositiveAmountWithAtMostTwoDecimals(String amount) {
        assertThat(schema.validate(withAmount(amount))).isEmpty();
    }

    @Test
    void refusesAnAbsurdlyLargeAmount() {
        assertThat(schema.validate(withAmount("1000000000000")))
                .containsExactly(new Violation("/claimedAmount", "must be less than 1000000000000"));
    }

    @Test
    void readsTheAmountAsAnExactDecimal() {
        // 0.1 + 0.2 style binary rounding would turn 1234.56 into 1234.5599999...; scale 2 proves exactness
        JsonNode amount = withAmount("1234.56").get("claimedAmount");

        assertThat(amount.isBigDecimal()).isTrue();
        assertThat(amount.decimalValue()).isEqualByComparingTo("1234.56");
    }

    @ParameterizedTest
    @ValueSource(strings = {"eur", "EURO", "XYZ", "E1R", ""})
    void refusesACurrencyThatIsNotIso4217(String currency) {
        ObjectNode claim = goldenClaim();
        claim.put("currency", currency);

        assertThat(schema.validate(claim)).singleElement()
                .satisfies(violation -> assertThat(violation.pointer()).isEqualTo("/currency"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"EUR", "CHF", "USD", "JPY"})
    void acceptsIso4217Currencies(String currency) {
        ObjectNode claim = goldenClaim();
        claim.put("currency", currency);

        assertThat(schema.validate(claim)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"01.11.2026", "2026-13-01", "2026-02-30", "2026-1-1", "2026-11-01T10:00:00Z"})
    void refusesAnIncidentDateThatIsNotAnIsoDate(String date) {
        ObjectNode claim = goldenClaim();
        claim.put("incidentDate", date);

        assertThat(schema.validate(claim)).singleElement()
                .satisfies(violation -> assertThat(violation.pointer()).isEqualTo("/incidentDate"));
    }

    @Test
    void refusesAnIncidentDateInTheFuture() {
        ObjectNode claim = goldenClaim();
        claim.put("incidentDate", "2026-11-04");

        assertThat(schema.validate(claim))
                .containsExactly(new Violation("/incidentDate", "must not be in the future"));
    }

    @Test
    void acceptsTodayInTheEarliestTimeZone() {
        // at 09:15 UTC it is already 23:15 on 2026-11-02 in UTC+14, but not yet 2026-11-03 anywhere
        ObjectNode claim = goldenClaim();
        claim.put("incidentDate", "2026-11-02");
        assertThat(schema.validate(claim)).isEmpty();

        Clock late = Clock.fixed(Instant.parse("2026-11-02T10:00:00Z"), ZoneOffset.UTC);
        claim.put("incidentDate", "2026-11-03");
        assertThat(ShippedSchemas.claimSubmitted(late).validate(claim)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"erika", "erika@", "@example.org", "erika@example", "erika @example.org",
            "erika@@example.org", "erika@example..org"})
    void refusesAnImplausibleEmail(String email) {
        ObjectNode claim = goldenClaim();
        ((ObjectNode) claim.get("claimant")).put("email", email);

        assertThat(schema.validate(claim)).singleElement()
                .satisfies(violation -> assertThat(violation.pointer()).isEqualTo("/claimant/email"));
    }

    @Test
    void refusesBlankStrings() {
        ObjectNode claim = goldenClaim();
        claim.put("claimId", "  ");
        ((ObjectNode) claim.get("claimant")).put("name", "");

        assertThat(schema.validate(claim)).containsExactlyInAnyOrder(
                new Violation("/claimId",
                        "must start with a letter or digit and contain only letters, digits, '.', '_', ':' and '-'"),
                new Violation("/claimant/name", "must not be blank"));
    }

    @Test
    void refusesAnIdEndingInALineBreak() {
        // the schema's patterns are ECMA 262, where $ is the end of the text; java.util.regex's $ lets "C1\n" through
        ObjectNode claim = goldenClaim();
        claim.put("claimId", "C1\n");

        assertThat(schema.validate(claim)).extracting(Violation::pointer).containsExactly("/claimId");
    }

    @Test
    void marksTheClaimantsNameAndEmailAsPersonalData() {
        assertThat(schema.personalDataPaths()).containsExactlyInAnyOrder("/claimant/name", "/claimant/email");
        assertThat(schema.dataSubjectPath()).hasValue("/claimant/email");
    }

    @Test
    void describesTheClaimSubmittedIntentType() {
        assertThat(schema.type()).isEqualTo(dev.parallelrun.events.claims.ClaimsContract.CLAIM_SUBMITTED);
        assertThat(schema.type().eventType()).isEqualTo("claims.ClaimSubmitted.v1");
    }

    @Test
    void refusesTextThatDownstreamDatabasesCannotStore() {
        // PostgreSQL refuses \u0000 and unpaired surrogates in text and jsonb: such an intent would be accepted
        // with 202 and then fail in every service that stores it
        ObjectNode claim = goldenClaim();
        claim.put("description", "rear-end\u0000collision");
        claim.put("region", "D\uD800");
        ((ObjectNode) claim.get("claimant")).put("name", "Erika\u001bMustermann");

        assertThat(schema.validate(claim)).extracting(Violation::pointer)
                .containsExactlyInAnyOrder("/description", "/region", "/claimant/name");
    }

    @Test
    void acceptsLineBreaksTabsAndCharactersBeyondTheBasicPlane() {
        ObjectNode claim = goldenClaim();
        claim.put("description", "rear-end collision\r\n\tat the crossing \uD83D\uDE97");

        assertThat(schema.validate(claim)).isEmpty();
    }

    @Test
    void refusesStringsOverTheirLengthLimits() {
        ObjectNode claim = goldenClaim();
        claim.put("claimId", "C".repeat(MAX_ID_LENGTH + 1));
        claim.put("productLine", "m".repeat(MAX_CODE_LENGTH + 1));
        claim.put("description", "d".repeat(MAX_DESCRIPTION_LENGTH + 1));
        ((ObjectNode) claim.get("claimant")).put("name", "n".repeat(MAX_NAME_LENGTH + 1));

        assertThat(schema.validate(claim)).extracting(Violation::pointer)
                .containsExactlyInAnyOrder("/claimId", "/productLine", "/description", "/claimant/name");
    }

    @Test
    void acceptsStringsAtTheirLengthLimits() {
        ObjectNode claim = goldenClaim();
        claim.put("claimId", "C".repeat(MAX_ID_LENGTH));
        claim.put("description", "d".repeat(MAX_DESCRIPTION_LENGTH));

        assertThat(schema.validate(claim)).isEmpty();
    }

    @Test
    void refusesIdsWithCharactersOutsideTheIdAlphabet() {
        ObjectNode claim = goldenClaim();
        claim.put("policyId", "POL 77");

        assertThat(schema.validate(claim)).singleElement()
                .satisfies(violation -> assertThat(violation.pointer()).isEqualTo("/policyId"));
    }

    @Test
    void refusesUnknownPropertiesWithEscapedPointers() {
        ObjectNode claim = goldenClaim();
        claim.put("a/b~c", 1);
        ((ObjectNode) claim.get("claimant")).put("phone", "+49");

        assertThat(schema.validate(claim)).containsExactlyInAnyOrder(
                new Violation("/a~1b~0c", "is not a known property"),
                new Violation("/claimant/phone", "is not a known property"));
    }

    @Test
    void collectsViolationsAcrossTheWholeBody() {
        ObjectNode claim = goldenClaim();
        claim.set("claimedAmount", json("-3.333"));
        claim.put("currency", "EURO");
        ((ObjectNode) claim.get("claimant")).put("email", "nobody");

        assertThat(schema.validate(claim)).extracting(Violation::pointer)
                .containsExactlyInAnyOrder("/claimedAmount", "/claimedAmount", "/currency", "/claimant/email");
    }

    private static ObjectNode goldenClaim() {
        return (ObjectNode) GoldenEvents.event(GoldenEvents.CLAIM_SUBMITTED).data().deepCopy();
    }

    private static ObjectNode withAmount(String amount) {
        ObjectNode claim = goldenClaim();
        claim.set("claimedAmount", json(amount));
        return claim;
    }

    private static JsonNode json(String text) {
        return EventCodec.standard().mapper().readTree(text);
    }
}
