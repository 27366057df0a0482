package dev.parallelrun.reconciliation.verdicts.web;

import dev.parallelrun.reconciliation.verdicts.persistence.VerdictStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.WebAsyncUtils;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every current live verdict matching the list's filters, as CSV or NDJSON, streamed: rows go from a database
 * cursor ({@link VerdictStore#forEach}) through a small buffer to the client, so millions of rows take the memory
 * of a few hundred. The rows are the verdicts as the reconciliations API shows them, newest first; the normalized
 * outcomes are stored redacted, so the export carries nothing the API does not.
 *
 * <p>Once the first bytes are sent the status is 200; a failure after that (the database going away) aborts the
 * response instead of ending it, so a client sees a broken transfer, never a short export that looks complete.
 */
@RestController
@RequestMapping("/api/v1")
class VerdictExportController {

    static final MediaType CSV = MediaType.parseMediaType("text/csv");
    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int BUFFER = 64 * 1024;

    private final VerdictStore store;
    private final JsonMapper json;
    private final Clock clock;

    VerdictExportController(VerdictStore store, JsonMapper json, Clock clock) {
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    @Operation(summary = "Export every matching current verdict as CSV or NDJSON",
            description = "The filters of GET /api/v1/reconciliations (no paging): every current live verdict, newest "
                    + "first, streamed. Choose the format with Accept: text/csv (RFC 4180, one header line, JSON "
                    + "fields as JSON text) or application/x-ndjson (one verdict object a line); anything else is 406.")
    @ApiResponse(responseCode = "200", description = "The export, as an attachment", content = {
            @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
            @Content(mediaType = "application/x-ndjson", schema = @Schema(type = "string"))})
    // no "produces": a request the mapping refused would fall through to /reconciliations/{correlationId} (a 404)
    @GetMapping("/reconciliations/export")
    ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) String context,
            @RequestParam(required = false) String outcomeType,
            @RequestParam(required = false) String classification,
            @RequestParam(required = false) String severity,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            HttpServletRequest request) throws HttpMediaTypeNotAcceptableException {
        MediaType format = format(String.join(",", Collections.list(request.getHeaders(HttpHeaders.ACCEPT))));
        boolean csv = CSV.equals(format);
        // limit and position are the list's paging: an export has neither
        VerdictStore.VerdictQuery query = ReconciliationController.query(context, outcomeType, classification, severity,
                from, to, null, Integer.MAX_VALUE);
        // an export takes as long as its rows do: not the default asynchronous request timeout (30 s in Tomcat);
        // a client that stops reading is ended by the container's write timeout instead
        WebAsyncUtils.getAsyncManager(request).getAsyncWebRequest().setTimeout(-1L);
        StreamingResponseBody body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER);
            if (csv) {
                writer.write(VerdictCsv.HEADER);
            }
            try {
                store.forEach(query, row -> write(writer, VerdictView.of(row.verdict(), null), csv));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            writer.flush();
        };
        String filename = "verdicts-" + FILE_TIME.format(clock.instant()) + (csv ? ".csv" : ".ndjson");
        return ResponseEntity.ok()
                .contentType(csv ? MediaType.parseMediaType("text/csv;charset=UTF-8;header=present") : NDJSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
                .body(body);
    }

    private void write(Writer writer, VerdictView view, boolean csv) {
        try {
            if (csv) {
                VerdictCsv.write(writer, view, json);
            } else {
                writer.write(json.writeValueAsString(view));
                writer.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The format the client prefers, {@link #CSV} or {@link #NDJSON}, by the quality values of its {@code Accept};
     * no {@code Accept} or a wildcard is CSV; a type the client refuses ({@code q=0}) is never chosen.
     *
     * @throws HttpMediaTypeNotAcceptableException (a 406 problem) when it accepts neither
     */
    static MediaType format(String accept) throws HttpMediaTypeNotAcceptableException {
        if (accept == null || accept.isBlank()) {
            return CSV;
        }
        List<MediaType> accepted;
        try {
            accepted = new ArrayList<>(MediaType.parseMediaTypes(accept));
        } catch (InvalidMediaTypeException e) {
            throw new HttpMediaTypeNotAcceptableException(e.getMessage());
        }
        MimeTypeUtils.sortBySpecificity(accepted);
        // a stable sort: by quality first, by specificity among equal qualities
        accepted.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        List<MediaType> refused = accepted.stream().filter(type -> type.getQualityValue() == 0).toList();
        for (MediaType type : accepted) {
            if (type.getQualityValue() == 0) {
                break;
            }
            for (MediaType candidate : List.of(CSV, NDJSON)) {
                if (type.includes(candidate) && refused.stream().noneMatch(no -> no.includes(candidate))) {
                    return candidate;
                }
            }
        }
        throw new HttpMediaTypeNotAcceptableException(List.of(CSV, NDJSON));
    }
}
