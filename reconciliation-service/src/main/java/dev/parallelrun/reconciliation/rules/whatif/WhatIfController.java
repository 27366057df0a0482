package dev.parallelrun.reconciliation.rules.whatif;

import dev.parallelrun.reconciliation.web.InvalidQueryException;
import dev.parallelrun.reconciliation.web.ResourceNotFoundException;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/rule-sets/what-if?context=&from=&to=} with a candidate rule set (YAML) runs a what-if and
 * answers its report (201, stored); {@code GET /api/v1/rule-sets/what-if/{reportId}} reads a stored one.
 */
@RestController
@RequestMapping("/api/v1/rule-sets/what-if")
class WhatIfController {

    private final WhatIfRuns runs;
    private final WhatIfStore store;

    WhatIfController(WhatIfRuns runs, WhatIfStore store) {
        this.runs = runs;
        this.store = store;
    }

    @PostMapping(consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain"})
    ResponseEntity<JsonNode> run(@RequestParam String context, @RequestParam String from, @RequestParam String to,
            @RequestBody byte[] candidate, Principal requester) {
        JsonNode report = runs.run(context, instant("from", from), instant("to", to), candidate, requester.getName());
        return ResponseEntity.created(URI.create("/api/v1/rule-sets/what-if/" + report.get("reportId").asString()))
                .body(report);
    }

    @GetMapping("/{reportId}")
    JsonNode report(@PathVariable String reportId) {
        UUID id;
        try {
            id = UUID.fromString(reportId);
        } catch (IllegalArgumentException e) {
            throw new ReportNotFoundException(reportId);
        }
        return store.find(id).orElseThrow(() -> new ReportNotFoundException(reportId));
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidQueryException(name, "must be an ISO-8601 UTC instant such as 2026-11-01T00:00:00Z");
        }
    }

    /** No what-if report of that id. */
    static class ReportNotFoundException extends ResourceNotFoundException {
        ReportNotFoundException(String id) {
            super("No what-if report", "no what-if report " + id);
        }
    }
}
