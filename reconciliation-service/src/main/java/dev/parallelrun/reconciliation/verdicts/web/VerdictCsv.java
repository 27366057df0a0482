package dev.parallelrun.reconciliation.verdicts.web;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verdicts as CSV (RFC 4180): one header line, then one line per verdict with the fields the reconciliations API
 * shows, in its order and under its names; CRLF line ends; a field is quoted when it holds a comma, a quote or a
 * line break, its quotes doubled. The JSON fields ({@code differences}, the redacted normalized outcomes
 * {@code legacy} and {@code shadow}) are their JSON text; absent values are empty fields.
 */
final class VerdictCsv {

    static final String HEADER = String.join(",", "verdictId", "revision", "supersedes", "correlationId", "context",
            "outcomeType", "classification", "severity", "differences", "ruleSetVersion", "legacyReceivedAt",
            "shadowReceivedAt", "decidedAt", "legacy", "shadow") + "\r\n";

    private VerdictCsv() {
    }

    /** Writes one verdict as one CSV record, CRLF included. */
    static void write(Writer out, VerdictView v, JsonMapper json) throws IOException {
        out.write(field(v.verdictId()));
        out.write(',');
        out.write(Integer.toString(v.revision()));
        out.write(',');
        out.write(field(v.supersedes()));
        out.write(',');
        out.write(field(v.correlationId()));
        out.write(',');
        out.write(field(v.context()));
        out.write(',');
        out.write(field(v.outcomeType()));
        out.write(',');
        out.write(field(v.classification() == null ? null : v.classification().name()));
        out.write(',');
        out.write(field(v.severity() == null ? null : v.severity().name()));
        out.write(',');
        out.write(field(v.differences() == null ? null : json.writeValueAsString(v.differences())));
        out.write(',');
        out.write(field(v.ruleSetVersion()));
        out.write(',');
        out.write(field(time(v.legacyReceivedAt())));
        out.write(',');
        out.write(field(time(v.shadowReceivedAt())));
        out.write(',');
        out.write(field(time(v.decidedAt())));
        out.write(',');
        out.write(field(v.legacy() == null ? null : json.writeValueAsString(v.legacy())));
        out.write(',');
        out.write(field(v.shadow() == null ? null : json.writeValueAsString(v.shadow())));
        out.write("\r\n");
    }

    /** One field: as it is, or quoted with its quotes doubled when RFC 4180 requires it; {@code null} is empty. */
    static String field(String value) {
        if (value == null) {
            return "";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return '"' + value.replace("\"", "\"\"") + '"';
            }
        }
        return value;
    }

    // ISO-8601 UTC, as the JSON API writes instants
    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
