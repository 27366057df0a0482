package dev.parallelrun.reconciliation.replay.noise.domain;

import dev.parallelrun.events.Side;
import dev.parallelrun.reconciliation.rules.domain.PathPattern;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Analyses a noise run: per outcome type and side, the two copies of every original are compared leaf by leaf, and
 * every path at which they differ is counted once per original. Whatever differs there is not a difference between
 * the sides but between two runs of the same input: noise, which a live comparison would report as a mismatch.
 *
 * <p>Values compare by meaning, as the rules compare them: numbers by value ({@code 1.5} is {@code 1.50}), an explicit
 * JSON {@code null} as absent; a field present in one copy and absent in the other differs at its own path (not at
 * every leaf below it). Arrays compare by index, since a noise run asks whether the same input gives the same answer,
 * order included; a rule suggestion then covers every index ({@code *}).
 *
 * <p>A suggestion is a {@code numeric} tolerance only when every difference seen at its path (on either side, at any
 * index) was between two JSON numbers: a number that wobbles is tolerated by as much as it was seen to wobble. A
 * numeric string is not read as a number here: a generated reference of digits is no amount, and tolerating it by
 * its largest difference would hide every real difference in it. Anything else gets {@code ignore}.
 */
public final class NoiseAnalysis {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    /** What YAML reads as a plain string, in a key or a path: anything else is written double-quoted. */
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final Pattern PLAIN_PATH = Pattern.compile("/[A-Za-z0-9_/*~.-]*");

    private NoiseAnalysis() {
    }

    /**
     * @param observations every side's answer to every copy of a noise run; a copy repeated with the same data (a
     *                     redelivery) counts once
     * @throws IllegalArgumentException when one copy of one original has two different answers on one side
     */
    public static NoiseReport analyse(Collection<NoiseObservation> observations) {
        Map<CopyKey, JsonNode[]> pairs = pair(observations);

        Map<TypeSide, Integer> comparedByTypeSide = new HashMap<>();
        Map<Side, Integer> comparedBySide = new EnumMap<>(Side.class);
        for (Side side : Side.values()) {
            comparedBySide.put(side, 0);
        }
        Map<FieldKey, Integer> differing = new HashMap<>();
        Map<SuggestionKey, SuggestionEvidence> evidence = new TreeMap<>();

        for (Map.Entry<CopyKey, JsonNode[]> entry : pairs.entrySet()) {
            CopyKey key = entry.getKey();
            JsonNode first = entry.getValue()[0];
            JsonNode second = entry.getValue()[1];
            if (absent(first) || absent(second)) {
                continue;
            }
            comparedByTypeSide.merge(new TypeSide(key.outcomeType(), key.side()), 1, Integer::sum);
            comparedBySide.merge(key.side(), 1, Integer::sum);
            List<Difference> differences = new ArrayList<>();
            diff(first, second, new ArrayList<>(), new ArrayList<>(), differences);
            for (Difference difference : differences) {
                differing.merge(new FieldKey(key.outcomeType(), difference.path(), key.side()), 1, Integer::sum);
                evidence.computeIfAbsent(new SuggestionKey(key.outcomeType(), difference.pattern()),
                        k -> new SuggestionEvidence()).add(key, difference);
            }
        }

        List<FieldNoise> fields = new ArrayList<>();
        differing.forEach((field, count) -> {
            int compared = comparedByTypeSide.get(new TypeSide(field.outcomeType(), field.side()));
            fields.add(new FieldNoise(field.outcomeType(), field.path(), field.side(), count, compared,
                    (double) count / compared));
        });
        fields.sort(Comparator.comparing(FieldNoise::outcomeType).thenComparing(FieldNoise::path)
                .thenComparing(FieldNoise::side));

        List<RuleSuggestion> suggestions = new ArrayList<>();
        evidence.forEach((key, seen) -> suggestions.add(suggestion(key, seen, comparedByTypeSide)));
        return new NoiseReport(fields, comparedBySide, suggestions);
    }

    private static Map<CopyKey, JsonNode[]> pair(Collection<NoiseObservation> observations) {
        Map<CopyKey, JsonNode[]> pairs = new HashMap<>();
        Map<CopyKey, Set<Integer>> seen = new HashMap<>();
        for (NoiseObservation observation : observations) {
            CopyKey key = new CopyKey(observation.originalEventId(), observation.outcomeType(), observation.side());
            JsonNode[] copies = pairs.computeIfAbsent(key, k -> new JsonNode[2]);
            int index = observation.copy() - 1;
            JsonNode data = observation.completed() ? observation.data() : null;
            if (seen.computeIfAbsent(key, k -> new HashSet<>()).add(observation.copy())) {
                copies[index] = data;
            } else if (!Objects.equals(copies[index], data)) {
                throw new IllegalArgumentException("copy " + observation.copy() + " of original "
                        + observation.originalEventId() + " has two different " + observation.outcomeType()
                        + " answers on the " + observation.side().wireName() + " side");
            }
        }
        return pairs;
    }

    /** Every leaf path at which {@code a} and {@code b} differ; {@code pattern} is {@code path} with indices as {@code *}. */
    private static void diff(JsonNode a, JsonNode b, List<String> path, List<String> pattern, List<Difference> out) {
        boolean aAbsent = absent(a);
        boolean bAbsent = absent(b);
        if (aAbsent && bAbsent) {
            return;
        }
        if (aAbsent || bAbsent) {
            out.add(new Difference(PathPattern.format(path), PathPattern.format(pattern), a, b));
            return;
        }
        if (a.isObject() && b.isObject()) {
            Set<String> names = new TreeSet<>(a.propertyNames());
            names.addAll(b.propertyNames());
            for (String name : names) {
                diff(a.get(name), b.get(name), with(path, name), with(pattern, name), out);
            }
        } else if (a.isArray() && b.isArray()) {
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                diff(a.get(i), b.get(i), with(path, Integer.toString(i)), with(pattern, "*"), out);
            }
        } else if (!sameLeaf(a, b)) {
            out.add(new Difference(PathPattern.format(path), PathPattern.format(pattern), a, b));
        }
    }

    private static boolean sameLeaf(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static List<String> with(List<String> path, String segment) {
        List<String> longer = new ArrayList<>(path);
        longer.add(segment);
        return longer;
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    private static RuleSuggestion suggestion(SuggestionKey key, SuggestionEvidence seen,
            Map<TypeSide, Integer> compared) {
        StringBuilder rates = new StringBuilder("differs between two runs of the same input: ");
        for (Side side : Side.values()) {
            if (side.ordinal() > 0) {
                rates.append(", ");
            }
            rates.append(side.wireName()).append(' ').append(percent(seen.differingOriginals(side),
                    compared.getOrDefault(new TypeSide(key.outcomeType(), side), 0)));
        }
        StringBuilder yaml = new StringBuilder()
                .append("outcomeTypes:\n")
                .append("  ").append(yamlScalar(key.outcomeType(), PLAIN_KEY)).append(":\n")
                .append("    fields:\n")
                .append("      - path: ").append(yamlScalar(key.path(), PLAIN_PATH)).append('\n');
        if (seen.allNumeric) {
            yaml.append("        comparator: numeric   # ").append(rates).append('\n')
                    .append("        absolute: ").append(plain(seen.largestDifference))
                    .append("   # the largest difference seen\n");
            return new RuleSuggestion(key.outcomeType(), key.path(), RuleSuggestion.TOLERANCE, yaml.toString());
        }
        yaml.append("        comparator: ignore   # ").append(rates).append('\n');
        return new RuleSuggestion(key.outcomeType(), key.path(), RuleSuggestion.IGNORE, yaml.toString());
    }

    /** {@code 100 %}, {@code 50 %}, {@code 33.3 %}; a side without a compared pair says so rather than {@code 0 %}. */
    private static String percent(int differing, int compared) {
        if (compared == 0) {
            return "not compared";
        }
        BigDecimal rate = BigDecimal.valueOf(differing).multiply(HUNDRED)
                .divide(BigDecimal.valueOf(compared), 1, RoundingMode.HALF_UP);
        return plain(rate) + " %";
    }

    private static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    private static String yamlScalar(String text, Pattern plain) {
        if (plain.matcher(text).matches()) {
            return text;
        }
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private record CopyKey(String originalEventId, String outcomeType, Side side) {
    }

    private record TypeSide(String outcomeType, Side side) {
    }

    private record FieldKey(String outcomeType, String path, Side side) {
    }

    private record SuggestionKey(String outcomeType, String path) implements Comparable<SuggestionKey> {

        @Override
        public int compareTo(SuggestionKey other) {
            return Comparator.comparing(SuggestionKey::outcomeType).thenComparing(SuggestionKey::path)
                    .compare(this, other);
        }
    }

    private record Difference(String path, String pattern, JsonNode first, JsonNode second) {
    }

    /** What was seen at one suggested path: which originals differed on each side, and whether only as numbers. */
    private static final class SuggestionEvidence {

        private final Map<Side, Set<String>> originals = new EnumMap<>(Side.class);
        private boolean allNumeric = true;
        private BigDecimal largestDifference = BigDecimal.ZERO;

        void add(CopyKey copy, Difference difference) {
            originals.computeIfAbsent(copy.side(), s -> new HashSet<>()).add(copy.originalEventId());
            JsonNode a = difference.first();
            JsonNode b = difference.second();
            if (absent(a) || absent(b) || !a.isNumber() || !b.isNumber()) {
                allNumeric = false;
                return;
            }
            largestDifference = largestDifference.max(a.decimalValue().subtract(b.decimalValue()).abs());
        }

        int differingOriginals(Side side) {
            return originals.getOrDefault(side, Set.of()).size();
        }
    }
}
