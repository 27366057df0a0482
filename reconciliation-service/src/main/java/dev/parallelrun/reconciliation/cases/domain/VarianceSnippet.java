package dev.parallelrun.reconciliation.cases.domain;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The rule-set YAML a case resolved as {@code ACCEPTED_VARIANCE} proposes (docs/rules.md, "Accepted variances"):
 * one {@code variances:} entry under the case's outcome type, with the variance id, the paths that differed in the
 * case's verdict, the resolving note as the reason and the case's ticket (else the case itself) as the reference. A
 * rule-set author pastes it into the next version and may narrow it with {@code when} or {@code expires}. Every
 * string is double-quoted, so that no note or path can break the YAML.
 */
public final class VarianceSnippet {

    private VarianceSnippet() {
    }

    /**
     * @param paths  the paths of the verdict's differences (repeats are listed once, in order); none for a missing
     *               side, which an author fills in
     * @param reason why the difference is acceptable: the note that resolved the case
     */
    public static String of(DivergenceCase resolved, Collection<String> paths, String reason) {
        Set<String> distinct = new LinkedHashSet<>(paths);
        StringBuilder yaml = new StringBuilder();
        yaml.append("outcomeTypes:\n");
        yaml.append("  ").append(quoted(resolved.outcomeType())).append(":\n");
        yaml.append("    variances:\n");
        yaml.append("      - id: ").append(quoted(resolved.variance())).append('\n');
        yaml.append("        paths: [");
        yaml.append(String.join(", ", distinct.stream().map(VarianceSnippet::quoted).toList()));
        yaml.append("]\n");
        yaml.append("        reason: ").append(quoted(reason == null ? "" : reason)).append('\n');
        yaml.append("        reference: ").append(quoted(resolved.ticket() != null ? resolved.ticket()
                : "case:" + resolved.caseId())).append('\n');
        return yaml.toString();
    }

    /** A YAML double-quoted scalar: backslash, quote and every control character escaped. */
    static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
