package dev.parallelrun.ingress.intent.domain;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The schema of the reference domain's {@code ClaimSubmitted} intent (see {@code docs/claims-domain.md}):
 * {@code {"claimId", "policyId", "productLine", "region", "claimedAmount", "currency", "incidentDate",
 * "description", "claimant": {"name", "email"}}}.
 *
 * <p>Every property is required and no other is allowed: the body is published as the intent's
 * {@code data} unchanged, so whatever passes here is the contract downstream services rely on.
 * {@code claimedAmount} must be a JSON number (read as an exact decimal), greater than zero, with at
 * most two decimal places. {@code incidentDate} is an ISO date ({@code yyyy-MM-dd}) that is not in
 * the future anywhere on Earth (so a channel in UTC+14 is not refused for its "today").
 */
public final class ClaimSubmittedSchema implements IntentSchema {

    /** The name intent types use to refer to this schema. */
    public static final String NAME = "claim-submitted";

    static final int MAX_ID_LENGTH = 64;
    static final int MAX_CODE_LENGTH = 32;
    static final int MAX_DESCRIPTION_LENGTH = 2000;
    static final int MAX_NAME_LENGTH = 200;
    /** RFC 5321's limit on a forward path. */
    static final int MAX_EMAIL_LENGTH = 254;
    static final int MAX_AMOUNT_DECIMALS = 2;
    /** Anything at or above a trillion is a typo or an attack, not a claim. */
    static final BigDecimal AMOUNT_LIMIT = new BigDecimal("1000000000000");

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]*");
    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");
    /** Plausible, not RFC 5322: one @, a non-empty local part, a dotted domain, no whitespace. */
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@.]+(\\.[^\\s@.]+)+");
    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);
    /** The earliest time zone: its date is the latest "today" anywhere. */
    private static final ZoneOffset EARLIEST_ZONE = ZoneOffset.ofHours(14);

    private static final Set<String> PROPERTIES = Set.of("claimId", "policyId", "productLine", "region",
            "claimedAmount", "currency", "incidentDate", "description", "claimant");
    private static final Set<String> CLAIMANT_PROPERTIES = Set.of("name", "email");

    private final Clock clock;

    public ClaimSubmittedSchema(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Violation> validate(JsonNode data) {
        List<Violation> violations = new ArrayList<>();
        if (data == null || !data.isObject()) {
            violations.add(new Violation("", "must be a JSON object"));
            return violations;
        }
        rejectUnknown(data, "", PROPERTIES, violations);

        identifier(data, "claimId", violations);
        identifier(data, "policyId", violations);
        code(data, "productLine", violations);
        code(data, "region", violations);
        amount(data, violations);
        currency(data, violations);
        incidentDate(data, violations);
        text(data, "", "description", 0, MAX_DESCRIPTION_LENGTH, violations);
        claimant(data, violations);
        return violations;
    }

    private static void identifier(JsonNode parent, String property, List<Violation> violations) {
        String value = text(parent, "", property, 1, MAX_ID_LENGTH, violations);
        if (value != null && !ID.matcher(value).matches()) {
            violations.add(new Violation(pointer("", property),
                    "must start with a letter or digit and contain only letters, digits, '.', '_', ':' and '-'"));
        }
    }

    private static void code(JsonNode parent, String property, List<Violation> violations) {
        text(parent, "", property, 1, MAX_CODE_LENGTH, violations);
    }

    private static void amount(JsonNode data, List<Violation> violations) {
        String path = pointer("", "claimedAmount");
        JsonNode node = data.get("claimedAmount");
        if (node == null || node.isNull()) {
            violations.add(new Violation(path, "is required"));
            return;
        }
        if (!node.isNumber()) {
            violations.add(new Violation(path, "must be a JSON number, not " + describe(node)));
            return;
        }
        BigDecimal amount = node.decimalValue();
        if (amount.signum() <= 0) {
            violations.add(new Violation(path, "must be greater than 0"));
        } else if (amount.compareTo(AMOUNT_LIMIT) >= 0) {
            violations.add(new Violation(path, "must be less than " + AMOUNT_LIMIT.toPlainString()));
        }
        if (amount.scale() > MAX_AMOUNT_DECIMALS) {
            violations.add(new Violation(path, "must have at most " + MAX_AMOUNT_DECIMALS + " decimal places"));
        }
    }

    private static void currency(JsonNode data, List<Violation> violations) {
        String code = text(data, "", "currency", 3, 3, violations);
        if (code == null) {
            return;
        }
        if (!CURRENCY_CODE.matcher(code).matches() || !isIso4217(code)) {
            violations.add(new Violation(pointer("", "currency"), "must be an ISO 4217 currency code such as EUR"));
        }
    }

    private static boolean isIso4217(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void incidentDate(JsonNode data, List<Violation> violations) {
        String value = text(data, "", "incidentDate", 1, 10, violations);
        if (value == null) {
            return;
        }
        String path = pointer("", "incidentDate");
        LocalDate date;
        try {
            date = LocalDate.parse(value, ISO_DATE);
        } catch (DateTimeParseException e) {
            violations.add(new Violation(path, "must be an ISO date (yyyy-MM-dd)"));
            return;
        }
        if (date.isAfter(LocalDate.now(clock.withZone(EARLIEST_ZONE)))) {
            violations.add(new Violation(path, "must not be in the future"));
        }
    }

    private static void claimant(JsonNode data, List<Violation> violations) {
        String path = pointer("", "claimant");
        JsonNode claimant = data.get("claimant");
        if (claimant == null || claimant.isNull()) {
            violations.add(new Violation(path, "is required"));
            return;
        }
        if (!claimant.isObject()) {
            violations.add(new Violation(path, "must be a JSON object, not " + describe(claimant)));
            return;
        }
        rejectUnknown(claimant, path, CLAIMANT_PROPERTIES, violations);
        text(claimant, path, "name", 1, MAX_NAME_LENGTH, violations);
        String email = text(claimant, path, "email", 3, MAX_EMAIL_LENGTH, violations);
        if (email != null && !EMAIL.matcher(email).matches()) {
            violations.add(new Violation(pointer(path, "email"), "must be a plausible e-mail address"));
        }
    }

    /**
     * Checks a required string property; answers its value when it is a string of acceptable length
     * and not blank (where a minimum length is asked for), otherwise {@code null} after recording why.
     */
    private static String text(JsonNode parent, String parentPath, String property, int minLength, int maxLength,
            List<Violation> violations) {
        String path = pointer(parentPath, property);
        JsonNode node = parent.get(property);
        if (node == null || node.isNull()) {
            violations.add(new Violation(path, "is required"));
            return null;
        }
        if (!node.isString()) {
            violations.add(new Violation(path, "must be a JSON string, not " + describe(node)));
            return null;
        }
        String value = node.stringValue();
        int length = value.codePointCount(0, value.length());
        if (minLength > 0 && value.isBlank()) {
            violations.add(new Violation(path, "must not be blank"));
            return null;
        }
        if (length < minLength || length > maxLength) {
            violations.add(new Violation(path, minLength == maxLength
                    ? "must be " + maxLength + " characters long"
                    : "must be between " + minLength + " and " + maxLength + " characters long"));
            return null;
        }
        if (!storable(value)) {
            violations.add(new Violation(path, "must not contain control characters (other than tab and line breaks) "
                    + "or unpaired surrogates"));
            return null;
        }
        return value;
    }

    /**
     * Whether downstream services can store the text: PostgreSQL refuses {@code \u0000} and unpaired
     * surrogates in {@code text} and {@code jsonb}, and no claim needs other control characters.
     */
    private static boolean storable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)
                    || Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    private static void rejectUnknown(JsonNode object, String path, Set<String> known, List<Violation> violations) {
        for (Map.Entry<String, JsonNode> property : object.properties()) {
            if (!known.contains(property.getKey())) {
                violations.add(new Violation(pointer(path, property.getKey()), "is not a known property"));
            }
        }
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** An RFC 6901 pointer: {@code ~} and {@code /} in a property name are escaped. */
    static String pointer(String parent, String property) {
        return parent + "/" + property.replace("~", "~0").replace("/", "~1");
    }
}
