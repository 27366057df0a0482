package dev.parallelrun.reconciliation.evidence.web;

import dev.parallelrun.events.verdict.Severity;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The evidence pack as a printable HTML page for the people who sign it: the same pack as the JSON, section by
 * section, with its digest on top. Rendered on the server without script; every value from the pack is escaped, since
 * reasons, notes and outcome types are free text that anyone with a rule set or a decision could have written.
 */
final class EvidenceReport {

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:2rem;color:#111;font-size:14px}
            h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #999}
            table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%}
            th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left;vertical-align:top}
            th{background:#eee}td.n{text-align:right;font-variant-numeric:tabular-nums}
            code{font-size:.9em;word-break:break-all}.note{color:#555}
            @media print{body{margin:0;font-size:10pt}h2{break-after:avoid}tr,section.evaluation{break-inside:avoid}
            th{background:none}a{color:inherit;text-decoration:none}}
            """;

    private EvidenceReport() {
    }

    static String render(JsonNode pack) {
        StringBuilder html = new StringBuilder(16_384);
        String context = text(pack.get("context"));
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Cutover evidence: ")
                .append(escape(context)).append("</title><style>").append(STYLE).append("</style></head><body>\n");
        html.append("<h1>Cutover evidence pack: ").append(escape(context)).append("</h1>\n<table>");
        JsonNode period = pack.path("period");
        row(html, "Period from (inclusive)", period.get("from"));
        row(html, "Period to (exclusive)", period.get("to"));
        html.append("<tr><th>Period</th><td>").append(period.path("open").asBoolean() ? "open (evidence may still change)"
                : "closed").append("</td></tr>");
        html.append("<tr><th>Digest (SHA-256)</th><td><code>").append(escape(text(pack.get("digest"))))
                .append("</code></td></tr>");
        row(html, "Generated at", pack.get("generatedAt"));
        html.append("</table>\n<p class=\"note\">The digest is the SHA-256 of the canonical JSON of this pack (keys "
                + "sorted, no whitespace, plain decimal numbers, times in ISO-8601 UTC) without its digest, generation "
                + "time and sign-offs; the JSON form of this report (Accept: application/json) recomputes it.</p>\n");

        readiness(html, pack.path("readinessEvaluations"));
        html.append("<h2>Match rate per outcome type</h2>\n");
        table(html, pack.path("matchRateByOutcomeType"), columns("outcomeType", "Outcome type", "agree", "Agree",
                "disagree", "Disagree", "excluded", "Excluded", "matchRate", "Match rate"));
        html.append("<h2>Hourly match rate per outcome type</h2>\n");
        table(html, pack.path("matchRateByHour"), columns("hour", "Hour (UTC)", "outcomeType", "Outcome type", "agree",
                "Agree", "disagree", "Disagree", "excluded", "Excluded", "matchRate", "Match rate"));
        classificationSeverity(html, pack.path("classificationSeverityCounts"));
        html.append("<h2>Divergence cases by state and category</h2>\n");
        if (pack.path("casesAvailable").asBoolean()) {
            html.append("<p>Cases opened or changed in the period, or open at its start, by their state at its end.</p>\n");
            table(html, pack.path("casesByStateAndCategory"), columns("state", "State", "category", "Category", "count",
                    "Count"));
        } else {
            html.append("<p>Not available: this build does not record divergence cases.</p>\n");
        }
        ruleSets(html, pack.path("ruleSets"));
        html.append("<h2>Authority decisions</h2>\n");
        table(html, pack.path("authorityDecisions"), columns("decidedAt", "Decided at", "stage", "Stage", "cohorts",
                "Cohorts", "previousStage", "Previous stage", "reason", "Reason", "overrideReason", "Override (readiness "
                + "not met)", "decidedBy", "Decided by", "decisionId", "Decision id"));
        html.append("<h2>Replays and noise runs requested</h2>\n");
        table(html, pack.path("replays"), columns("requestedAt", "Requested at", "kind", "Kind", "requestedBy",
                "Requested by", "reason", "Reason", "from", "From", "to", "To", "classifications", "Classifications",
                "sample", "Sample", "replayId", "Replay"));
        html.append("<h2>Sign-offs of this context's packs</h2>\n");
        table(html, pack.path("signOffs"), columns("signedAt", "Signed at", "signedBy", "Signed by", "from", "From", "to",
                "To", "digest", "Digest", "signsThisPack", "Signs this pack", "note", "Note"));
        html.append("</body></html>\n");
        return html.toString();
    }

    private static void readiness(StringBuilder html, JsonNode evaluations) {
        html.append("<h2>Readiness evaluations</h2>\n");
        if (evaluations.isEmpty()) {
            html.append("<p>None in this period.</p>\n");
        }
        for (JsonNode evaluation : evaluations.values()) {
            JsonNode report = evaluation.path("report");
            html.append("<section class=\"evaluation\"><h3>");
            if ("current".equals(text(evaluation.get("basis")))) {
                html.append("Current evaluation");
            } else {
                html.append("Snapshot of decision <code>").append(escape(text(evaluation.get("decisionId"))))
                        .append("</code>");
            }
            html.append("</h3>\n");
            if (report.isMissingNode() || report.isNull()) {
                html.append("<p>").append(escape(evaluation.has("unavailable") ? text(evaluation.get("unavailable"))
                        : "No report.")).append("</p></section>\n");
                continue;
            }
            html.append("<p>Evaluated at ").append(escape(text(report.get("evaluatedAt")))).append(": <strong>")
                    .append(report.path("ready").asBoolean() ? "ready" : "not ready").append("</strong></p>\n");
            table(html, report.path("criteria"), columns("name", "Criterion", "required", "Required", "actual", "Actual",
                    "met", "Met"));
            html.append("</section>\n");
        }
    }

    private static void classificationSeverity(StringBuilder html, JsonNode counts) {
        html.append("<h2>Verdicts by classification and severity</h2>\n");
        Map<String, Map<String, String>> table = new LinkedHashMap<>();
        for (JsonNode count : counts.values()) {
            table.computeIfAbsent(text(count.get("classification")), c -> new LinkedHashMap<>())
                    .put(text(count.get("severity")), text(count.get("count")));
        }
        if (table.isEmpty()) {
            html.append("<p>No verdicts in this period.</p>\n");
            return;
        }
        html.append("<table><thead><tr><th>Classification</th>");
        for (Severity severity : Severity.values()) {
            html.append("<th>").append(severity.name()).append("</th>");
        }
        html.append("</tr></thead><tbody>\n");
        table.forEach((classification, bySeverity) -> {
            html.append("<tr><td>").append(escape(classification)).append("</td>");
            for (Severity severity : Severity.values()) {
                html.append("<td class=\"n\">").append(escape(bySeverity.getOrDefault(severity.name(), "0")))
                        .append("</td>");
            }
            html.append("</tr>\n");
        });
        html.append("</tbody></table>\n");
    }

    private static void ruleSets(StringBuilder html, JsonNode ruleSets) {
        html.append("<h2>Rule sets in force and their accepted variances</h2>\n");
        table(html, ruleSets, columns("version", "Version", "source", "Source", "contentSha256", "Content SHA-256",
                "firstActivatedAt", "First in force"));
        for (JsonNode ruleSet : ruleSets.values()) {
            html.append("<h3>Accepted variances of <code>").append(escape(text(ruleSet.get("version"))))
                    .append("</code></h3>\n");
            if (ruleSet.has("acceptedVariancesUnreadable")) {
                html.append("<p>Not readable: ").append(escape(text(ruleSet.get("acceptedVariancesUnreadable"))))
                        .append("</p>\n");
                continue;
            }
            table(html, ruleSet.path("acceptedVariances"), columns("id", "Id", "outcomeType", "Outcome type", "reason",
                    "Reason", "reference", "Reference", "expiresAt", "Expires at"));
        }
    }

    private static Map<String, String> columns(String... keysAndHeadings) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < keysAndHeadings.length; i += 2) {
            columns.put(keysAndHeadings[i], keysAndHeadings[i + 1]);
        }
        return columns;
    }

    private static void table(StringBuilder html, JsonNode rows, Map<String, String> columns) {
        if (rows.isEmpty()) {
            html.append("<p>None.</p>\n");
            return;
        }
        html.append("<table><thead><tr>");
        columns.values().forEach(heading -> html.append("<th>").append(escape(heading)).append("</th>"));
        html.append("</tr></thead><tbody>\n");
        for (JsonNode row : rows.values()) {
            html.append("<tr>");
            for (String key : columns.keySet()) {
                JsonNode value = row.get(key);
                html.append(value != null && value.isNumber() ? "<td class=\"n\">" : "<td>").append(escape(text(value)))
                        .append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody></table>\n");
    }

    private static void row(StringBuilder html, String heading, JsonNode value) {
        html.append("<tr><th>").append(escape(heading)).append("</th><td>").append(escape(text(value))).append("</td></tr>");
    }

    /** A value as a person reads it: text as itself, nothing as a dash, structures as compact JSON. */
    private static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "\u2014";
        }
        return value.isValueNode() ? value.asString() : value.toString();
    }

    /** HTML-escapes text for element content and quoted attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
