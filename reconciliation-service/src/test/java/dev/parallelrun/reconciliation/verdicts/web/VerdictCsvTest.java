package dev.parallelrun.reconciliation.verdicts.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Difference;
import dev.parallelrun.events.verdict.Severity;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class VerdictCsvTest {

    private final EventCodec codec = EventCodec.standard();

    @Test
    void quotesOnlyWhatRfc4180RequiresAndDoublesQuotes() {
        assertThat(VerdictCsv.field(null)).isEmpty();
        assertThat(VerdictCsv.field("")).isEmpty();
        assertThat(VerdictCsv.field("plain value")).isEqualTo("plain value");
        assertThat(VerdictCsv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(VerdictCsv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(VerdictCsv.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(VerdictCsv.field("cr\r")).isEqualTo("\"cr\r\"");
    }

    @Test
    void writesOneRecordPerVerdictWithJsonColumnsAsJsonTextAndEmptyAbsentValues() throws Exception {
        JsonNode legacy = codec.tree(Map.of("claimId", "CLM-1", "fraudDecision", "REFER"));
        VerdictView view = new VerdictView("0b6f3c4e-8e1a-4d7e-9d1c-3f1e2a4b5c6d", 1, null, "corr-1", "claims",
                "ClaimAssessed", Classification.MISSING_SHADOW, Severity.HIGH,
                List.of(new Difference("/fraudDecision", legacy.get("fraudDecision"), null, "exact", false, Severity.HIGH)),
                "claims-2@sha256:ab", Instant.parse("2026-11-02T10:00:00Z"), null,
                Instant.parse("2026-11-02T10:00:30.123456Z"), legacy, null, null, null);
        StringWriter out = new StringWriter();

        VerdictCsv.write(out, view, JsonMapper.builder().build());

        List<List<String>> records = VerdictExportIT.parseCsv(VerdictCsv.HEADER + out);
        assertThat(records).hasSize(2);
        List<String> header = records.get(0);
        List<String> row = records.get(1);
        assertThat(header).hasSameSizeAs(row);
        assertThat(row.get(header.indexOf("correlationId"))).isEqualTo("corr-1");
        assertThat(row.get(header.indexOf("revision"))).isEqualTo("1");
        assertThat(row.get(header.indexOf("supersedes"))).isEmpty();
        assertThat(row.get(header.indexOf("shadowReceivedAt"))).isEmpty();
        assertThat(row.get(header.indexOf("shadow"))).isEmpty();
        assertThat(row.get(header.indexOf("decidedAt"))).isEqualTo("2026-11-02T10:00:30.123456Z");
        assertThat(codec.mapper().readTree(row.get(header.indexOf("legacy")))).isEqualTo(legacy);
        JsonNode differences = codec.mapper().readTree(row.get(header.indexOf("differences")));
        assertThat(differences.get(0).get("path").asString()).isEqualTo("/fraudDecision");
        assertThat(differences.get(0).get("legacy").asString()).isEqualTo("REFER");
        assertThat(out.toString()).endsWith("\r\n");
    }

    @Test
    void choosesTheFormatTheClientPrefers() throws Exception {
        assertThat(VerdictExportController.format(null)).isEqualTo(VerdictExportController.CSV);
        assertThat(VerdictExportController.format("*/*")).isEqualTo(VerdictExportController.CSV);
        assertThat(VerdictExportController.format("text/csv")).isEqualTo(VerdictExportController.CSV);
        assertThat(VerdictExportController.format("text/*")).isEqualTo(VerdictExportController.CSV);
        assertThat(VerdictExportController.format("application/x-ndjson")).isEqualTo(VerdictExportController.NDJSON);
        assertThat(VerdictExportController.format("application/*")).isEqualTo(VerdictExportController.NDJSON);
        assertThat(VerdictExportController.format("text/csv;q=0.2, application/x-ndjson"))
                .isEqualTo(VerdictExportController.NDJSON);
        assertThat(VerdictExportController.format("*/*;q=0.1, application/x-ndjson")).isEqualTo(VerdictExportController.NDJSON);
        assertThat(VerdictExportController.format("application/json, text/csv;q=0.5")).isEqualTo(VerdictExportController.CSV);
        assertThat(VerdictExportController.format("text/csv;q=0, */*")).isEqualTo(VerdictExportController.NDJSON);
        for (String neither : List.of("application/json", "text/html, application/xml;q=0.9", "text/csv;q=0",
                "not a media type")) {
            assertThatThrownBy(() -> VerdictExportController.format(neither)).as(neither)
                    .isInstanceOf(HttpMediaTypeNotAcceptableException.class);
        }
    }
}
