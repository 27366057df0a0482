package dev.parallelrun.reconciliation.replay.web;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parallelrun.events.ReplayKind;
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Severity;
import dev.parallelrun.reconciliation.replay.application.ReplayRun;
import dev.parallelrun.reconciliation.replay.application.Replays;
import dev.parallelrun.reconciliation.replay.domain.InvalidReplayException;
import dev.parallelrun.reconciliation.replay.domain.ReplayState;
import dev.parallelrun.reconciliation.replay.persistence.ReplayVerdicts;
import dev.parallelrun.reconciliation.web.InvalidQueryException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Governed replays (ARCHITECTURE.md, "Replay, what-if and noise"): an admin requests one (202 with its id; refused
 * with a problem, and nothing started, when the request cannot be carried out), anyone with a role follows it and reads
 * its verdicts next to the originals', an admin cancels it.
 */
@RestController
@RequestMapping("/api/v1/replays")
class ReplayController {

    static final int DEFAULT_RATE = 50;

    private final Replays replays;
    private final ReplayVerdicts verdicts;

    ReplayController(Replays replays, ReplayVerdicts verdicts) {
        this.replays = replays;
        this.verdicts = verdicts;
    }

    /** What to replay. {@code filter.classification} takes one name or a list. */
    record ReplayBody(String context, Instant from, Instant to, FilterBody filter, String reason, Integer ratePerSecond) {
    }

    record FilterBody(@JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> classification,
            List<String> correlationIds) {
    }

    record Accepted(String replayId) {
    }

    /** A run as the API shows it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RunView(String replayId, ReplayKind kind, ReplayState state, String phase, String context, Instant from,
            Instant to, Map<String, Object> filter, Integer sample, String reason, int ratePerSecond, String requestedBy,
            Instant requestedAt, Long selected, long published, long decided, String failure, String cancelledBy,
            Instant finishedAt) {

        static RunView of(ReplayRun run, long decided) {
            Map<String, Object> filter = new java.util.LinkedHashMap<>();
            if (!run.classifications().isEmpty()) {
                filter.put("classification", run.classifications().stream().map(Enum::name).sorted().toList());
            }
            if (!run.correlationIds().isEmpty()) {
                filter.put("correlationIds", run.correlationIds().stream().sorted().toList());
            }
            return new RunView(run.replayId(), run.kind(), run.state(), run.phase().name(), run.context(), run.from(),
                    run.to(), filter, run.sample(), run.reason(), run.ratePerSecond(), run.requestedBy(),
                    run.requestedAt(), run.selected(), run.published(), decided, run.failure(), run.cancelledBy(),
                    run.finishedAt());
        }
    }

    /** A replayed pair next to its original; {@code resolved}: the original disagreed and the replay agrees. */
    record VerdictRow(String correlationId, String originalCorrelationId, String outcomeType, Classification classification,
            Severity severity, Classification originalClassification, boolean resolved, JsonNode differences,
            String ruleSetVersion, String originalRuleSetVersion) {
    }

    record ChangeView(Classification from, Classification to, long count) {
    }

    record VerdictsPage(String replayId, ReplayState state, List<ChangeView> changes, List<VerdictRow> items,
            String nextCursor) {
    }

    @PostMapping
    ResponseEntity<Accepted> request(@RequestBody ReplayBody body, Principal principal) {
        FilterBody filter = body.filter() == null ? new FilterBody(null, null) : body.filter();
        ReplayRun run = replays.request(new dev.parallelrun.reconciliation.replay.domain.ReplayRequest(ReplayKind.REPLAY,
                body.context(), body.from(), body.to(), classifications(filter.classification()),
                filter.correlationIds() == null ? Set.of() : Set.copyOf(filter.correlationIds()), null, body.reason(),
                body.ratePerSecond() == null ? DEFAULT_RATE : body.ratePerSecond()), principal.getName());
        return ResponseEntity.accepted().location(URI.create("/api/v1/replays/" + run.replayId()))
                .body(new Accepted(run.replayId()));
    }

    @GetMapping
    List<RunView> recent(@RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 500) {
            throw new InvalidQueryException("limit", "must be between 1 and 500");
        }
        return replays.recent(limit).stream().map(run -> RunView.of(run, replays.decided(run.replayId()))).toList();
    }

    @GetMapping("/{replayId}")
    RunView get(@PathVariable String replayId) {
        ReplayRun run = replays.find(replayId).orElseThrow(() -> new ReplayNotFoundException("replay", replayId));
        return RunView.of(run, replays.decided(replayId));
    }

    @DeleteMapping("/{replayId}")
    RunView cancel(@PathVariable String replayId, Principal principal) {
        ReplayRun before = replays.find(replayId).orElseThrow(() -> new ReplayNotFoundException("replay", replayId));
        if (before.state() != ReplayState.RUNNING) {
            throw new ReplayFinishedException(replayId, before.state());
        }
        ReplayRun run = replays.cancel(replayId, principal.getName()).orElseThrow();
        if (run.state() != ReplayState.CANCELLED) {
            throw new ReplayFinishedException(replayId, run.state());
        }
        return RunView.of(run, replays.decided(replayId));
    }

    @GetMapping("/{replayId}/verdicts")
    VerdictsPage verdicts(@PathVariable String replayId, @RequestParam(defaultValue = "100") int limit,
            @RequestParam(required = false) String cursor) {
        ReplayRun run = replays.find(replayId).orElseThrow(() -> new ReplayNotFoundException("replay", replayId));
        if (limit < 1 || limit > 1000) {
            throw new InvalidQueryException("limit", "must be between 1 and 1000");
        }
        String[] after = cursor == null ? null : decodeCursor(cursor);
        List<ReplayVerdicts.Row> rows = verdicts.page(replayId, after == null ? null : after[0],
                after == null ? null : after[1], limit + 1);
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            ReplayVerdicts.Row last = rows.get(limit - 1);
            next = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    (last.correlationId() + "\n" + last.outcomeType()).getBytes(StandardCharsets.UTF_8));
        }
        List<VerdictRow> items = rows.stream().map(row -> new VerdictRow(row.correlationId(), row.originalCorrelationId(),
                row.outcomeType(), row.classification(), row.severity(), row.originalClassification(),
                row.originalClassification() != null
                        && row.originalClassification().bucket() == Classification.MatchRateBucket.DISAGREE
                        && row.classification().bucket() == Classification.MatchRateBucket.AGREE, row.differences(), row.ruleSetVersion(),
                row.originalRuleSetVersion())).toList();
        List<ChangeView> changes = verdicts.changes(replayId).stream()
                .map(c -> new ChangeView(c.from(), c.to(), c.count())).toList();
        return new VerdictsPage(replayId, run.state(), changes, items, next);
    }

    private static String[] decodeCursor(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", 2);
            if (parts.length == 2) {
                return parts;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw new InvalidQueryException("cursor", "is not a cursor this endpoint issued");
    }

    static Set<Classification> classifications(List<String> names) {
        if (names == null || names.isEmpty()) {
            return Set.of();
        }
        Set<Classification> classifications = EnumSet.noneOf(Classification.class);
        for (String name : names) {
            try {
                classifications.add(Classification.valueOf(name));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new InvalidReplayException("filter.classification", "unknown classification '" + name
                        + "' (one of " + List.of(Classification.values()) + ")");
            }
        }
        return classifications;
    }
}
