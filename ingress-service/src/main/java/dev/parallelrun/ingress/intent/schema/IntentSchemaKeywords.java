package dev.parallelrun.ingress.intent.schema;

import com.networknt.schema.Error;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.format.Format;
import com.networknt.schema.keyword.AbstractKeyword;
import com.networknt.schema.keyword.AbstractKeywordValidator;
import com.networknt.schema.keyword.KeywordValidator;
import com.networknt.schema.path.NodePath;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Currency;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The keywords and formats intent schemas may use beyond draft 2020-12 (see {@code docs/intent-schemas.md}).
 * They exist because the standard ones cannot say it exactly: {@code multipleOf: 0.01} is evaluated in
 * binary floating point by many validators, and no standard keyword knows the clock or ISO 4217.
 */
final class IntentSchemaKeywords {

    /** Keyword: a number has at most this many decimal places, counted on the exact decimal as written. */
    static final String MAX_DECIMAL_PLACES = "x-max-decimal-places";
    /** Keyword: an ISO date that is not in the future anywhere on Earth (in UTC+14). */
    static final String NOT_IN_FUTURE = "x-not-in-future";
    /** Format: an ISO 4217 currency code the JDK knows, such as EUR. */
    static final String ISO_4217 = "iso-4217";

    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);
    /** The earliest time zone: its date is the latest "today" anywhere. */
    private static final ZoneOffset EARLIEST_ZONE = ZoneOffset.ofHours(14);
    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");

    private IntentSchemaKeywords() {
    }

    static final class MaxDecimalPlaces extends AbstractKeyword {

        MaxDecimalPlaces() {
            super(MAX_DECIMAL_PLACES);
        }

        @Override
        public KeywordValidator newValidator(SchemaLocation location, JsonNode value, Schema parent,
                SchemaContext context) {
            if (!value.isIntegralNumber() || value.asInt() < 0) {
                throw new IllegalArgumentException(MAX_DECIMAL_PLACES + " must be a whole number >= 0 at " + location);
            }
            int places = value.asInt();
            return new Validator(getValue(), value, location) {
                @Override
                public void validate(ExecutionContext execution, JsonNode node, JsonNode root, NodePath at) {
                    // the body reader keeps fractions as BigDecimal, so the scale is the one the channel wrote
                    if (node.isNumber() && node.decimalValue().scale() > places) {
                        fail(execution, node, at, "must have at most " + places + " decimal places");
                    }
                }
            };
        }
    }

    static final class NotInFuture extends AbstractKeyword {

        private final Clock clock;

        NotInFuture(Clock clock) {
            super(NOT_IN_FUTURE);
            this.clock = clock;
        }

        @Override
        public KeywordValidator newValidator(SchemaLocation location, JsonNode value, Schema parent,
                SchemaContext context) {
            boolean enabled = value.asBoolean(false);
            return new Validator(getValue(), value, location) {
                @Override
                public void validate(ExecutionContext execution, JsonNode node, JsonNode root, NodePath at) {
                    if (!enabled || !node.isString()) {
                        return;
                    }
                    LocalDate date;
                    try {
                        date = LocalDate.parse(node.stringValue(), ISO_DATE);
                    } catch (DateTimeParseException e) {
                        return; // "format": "date" reports it
                    }
                    if (date.isAfter(LocalDate.now(clock.withZone(EARLIEST_ZONE)))) {
                        fail(execution, node, at, "must not be in the future");
                    }
                }
            };
        }
    }

    static final class Iso4217 implements Format {

        @Override
        public String getName() {
            return ISO_4217;
        }

        @Override
        public boolean matches(ExecutionContext execution, String value) {
            if (!CURRENCY_CODE.matcher(value).matches()) {
                return false;
            }
            try {
                Currency.getInstance(value);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }

    private abstract static class Validator extends AbstractKeywordValidator {

        Validator(String keyword, JsonNode value, SchemaLocation location) {
            super(keyword, value, location);
        }

        void fail(ExecutionContext execution, JsonNode node, NodePath at, String message) {
            execution.addError(Error.builder()
                    .keyword(getKeyword())
                    .instanceLocation(at)
                    .instanceNode(node)
                    .schemaLocation(getSchemaLocation())
                    .evaluationPath(execution.getEvaluationPath())
                    .schemaNode(getSchemaNode())
                    .message(message)
                    .build());
        }
    }
}
