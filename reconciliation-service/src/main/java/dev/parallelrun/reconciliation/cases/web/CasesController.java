package dev.parallelrun.reconciliation.cases.web;

import dev.parallelrun.events.verdict.Severity;
import dev.parallelrun.reconciliation.cases.application.CaseFilter;
import dev.parallelrun.reconciliation.cases.application.Cases;
import dev.parallelrun.reconciliation.cases.application.Cases.CaseWithHistory;
import dev.parallelrun.reconciliation.cases.application.StaleCaseException;
import dev.parallelrun.reconciliation.cases.domain.CaseCategory;
import dev.parallelrun.reconciliation.cases.domain.CaseHistoryEntry;
import dev.parallelrun.reconciliation.cases.domain.CaseState;
import dev.parallelrun.reconciliation.cases.domain.CaseTransitions;
import dev.parallelrun.reconciliation.cases.domain.DivergenceCase;
import dev.parallelrun.reconciliation.cases.domain.InvalidTransitionException;
import dev.parallelrun.reconciliation.cases.domain.VarianceSnippet;
import dev.parallelrun.reconciliation.config.ReconciliationProperties;
import dev.parallelrun.reconciliation.verdicts.persistence.VerdictStore;
import dev.parallelrun.reconciliation.verdicts.persistence.VerdictStore.StoredVerdict;
import dev.parallelrun.reconciliation.verdicts.web.VerdictView;
import dev.parallelrun.reconciliation.web.InvalidQueryException;
import dev.parallelrun.events.verdict.Difference;
import dev.parallelrun.events.verdict.Verdict;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The divergence cases API (ARCHITECTURE.md, "Divergence cases"): list, read, transition one, transition many. */
@RestController
@RequestMapping("/api/v1/cases")
class CasesController {

    private final Cases cases;
    private final VerdictStore verdicts;
    private final ReconciliationProperties.Api limits;

    CasesController(Cases cases, VerdictStore verdicts, ReconciliationProperties properties) {
        this.cases = cases;
        this.verdicts = verdicts;
        this.limits = properties.api();
    }

    /** One page of cases and the cursor of the next, {@code null} on the last page. */
    record CasePage(List<CaseView> items, String nextCursor) {
    }

    /** A transition as posted: {@code category} and {@code variance} when resolving; assignee and ticket optional. */
    record TransitionBody(String to, String category, String variance, String note, String assignee, String ticket) {
    }

    /** The filter of a bulk transition: the list's filters. */
    record FilterBody(String context, String outcomeType, String state, String severity, String category,
            String assignee) {
    }

    /** A bulk transition as posted; {@code max} caps how many cases it may change. */
    record BulkBody(FilterBody filter, String to, String category, String variance, String note, Boolean dryRun,
            Integer max) {
    }

    /** What a bulk transition matched and changed (or, in a dry run, would change). */
    record BulkView(long matched, long changed, boolean dryRun) {
    }

    @GetMapping
    CasePage list(@RequestParam(required = false) String context, @RequestParam(required = false) String outcomeType,
            @RequestParam(required = false) String state, @RequestParam(required = false) String severity,
            @RequestParam(required = false) String category, @RequestParam(required = false) String assignee,
            @RequestParam(required = false) String correlationId, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        int pageSize = limit == null ? limits.defaultLimit() : limit;
        if (pageSize < 1 || pageSize > limits.maxLimit()) {
            throw new InvalidQueryException("limit", "must be between 1 and " + limits.maxLimit());
        }
        CaseFilter filter = filter(context, outcomeType, state, severity, category, assignee,
                (name, problem) -> new InvalidQueryException(name, problem))
                .withCorrelationId(correlationId == null || correlationId.isBlank() ? null : correlationId);
        List<DivergenceCase> rows = cases.find(filter, CaseCursor.parse(cursor), pageSize + 1);
        boolean more = rows.size() > pageSize;
        List<DivergenceCase> page = more ? rows.subList(0, pageSize) : rows;
        return new CasePage(page.stream().map(CaseView::of).toList(),
                more ? CaseCursor.after(page.get(page.size() - 1)) : null);
    }

    @GetMapping("/{caseId}")
    ResponseEntity<CaseView> get(@PathVariable String caseId) {
        return withETag(cases.get(caseId));
    }

    @PostMapping("/{caseId}/transitions")
    ResponseEntity<CaseView> transition(@PathVariable String caseId,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody TransitionBody body, Principal principal) {
        long expected = expectedVersion(caseId, ifMatch);
        var request = new CaseTransitions.Request(parse("to", body.to(), CaseState.class),
                parse("category", body.category(), CaseCategory.class), body.variance(), body.note(), body.assignee(),
                body.ticket());
        return withETag(cases.transition(caseId, expected, request, principal.getName()));
    }

    @PostMapping("/bulk-transitions")
    BulkView bulk(@RequestBody BulkBody body, Principal principal) {
        FilterBody f = body.filter() == null ? new FilterBody(null, null, null, null, null, null) : body.filter();
        CaseFilter filter = filter(f.context(), f.outcomeType(), f.state(), f.severity(), f.category(), f.assignee(),
                (name, problem) -> new InvalidTransitionException("filter." + name, problem));
        boolean dryRun = Boolean.TRUE.equals(body.dryRun());
        if (body.max() == null || body.max() < 1) {
            throw new InvalidTransitionException("max", "is required: the most cases this may change, at least 1");
        }
        var request = new CaseTransitions.Request(parse("to", body.to(), CaseState.class),
                parse("category", body.category(), CaseCategory.class), body.variance(), body.note(), null, null);
        Cases.BulkResult result = cases.bulkTransition(filter, request, dryRun, body.max(), principal.getName());
        return new BulkView(result.matched(), result.changed(), dryRun);
    }

    /** The version the client decided on; 428 without one, 412 for one that cannot be a version of this case. */
    private long expectedVersion(String caseId, String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            throw new PreconditionRequiredException();
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw new StaleCaseException(caseId, -1, cases.get(caseId).divergenceCase().version());
        }
    }

    private ResponseEntity<CaseView> withETag(CaseWithHistory found) {
        DivergenceCase c = found.divergenceCase();
        Verdict verdict = verdicts.findByCorrelationId(c.correlationId()).stream().map(StoredVerdict::verdict)
                .filter(v -> v.verdictId().equals(c.verdictId())).findFirst().orElse(null);
        String snippet = null;
        if (c.category() == CaseCategory.ACCEPTED_VARIANCE) {
            List<String> paths = verdict == null ? List.of()
                    : verdict.differences().stream().map(Difference::path).toList();
            String reason = found.history().stream().filter(e -> e.to() == CaseState.RESOLVED)
                    .reduce((first, second) -> second).map(CaseHistoryEntry::note).orElse(null);
            snippet = VarianceSnippet.of(c, paths, reason);
        }
        return ResponseEntity.ok().eTag("\"" + c.version() + "\"")
                .body(CaseView.of(c, snippet, verdict == null ? null : VerdictView.of(verdict, null), found.history()));
    }

    private static CaseFilter filter(String context, String outcomeType, String state, String severity, String category,
            String assignee, BiFunction<String, String, RuntimeException> refusal) {
        return new CaseFilter(blankToNull(context), blankToNull(outcomeType),
                parse("state", state, CaseState.class, refusal), parse("severity", severity, Severity.class, refusal),
                parse("category", category, CaseCategory.class, refusal), blankToNull(assignee));
    }

    private static <E extends Enum<E>> E parse(String name, String value, Class<E> type) {
        return parse(name, value, type, (field, problem) -> new InvalidTransitionException(field, problem));
    }

    private static <E extends Enum<E>> E parse(String name, String value, Class<E> type,
            BiFunction<String, String, RuntimeException> refusal) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw refusal.apply(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
