package dev.parallelrun.reconciliation.replay.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parallelrun.events.ReplayKind;
import dev.parallelrun.reconciliation.replay.application.ReplayRun;
import dev.parallelrun.reconciliation.replay.application.Replays;
import dev.parallelrun.reconciliation.replay.domain.ReplayRequest;
import dev.parallelrun.reconciliation.replay.domain.ReplayState;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import dev.parallelrun.events.Side;
import dev.parallelrun.reconciliation.replay.noise.domain.RuleSuggestion;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Noise calibration (ARCHITECTURE.md, "Replay, what-if and noise"): a sample of a range's intents is given to both
 * sides twice (legacy in simulate mode), and the report says, per field path and side, how often the same input gave
 * different values, with the rule-set snippets that would stop counting that noise as divergence.
 */
@RestController
@RequestMapping("/api/v1/noise-runs")
class NoiseRunController {

    static final String DEFAULT_REASON = "noise calibration";

    private final Replays replays;
    private final NoiseReports reports;

    NoiseRunController(Replays replays, NoiseReports reports) {
        this.replays = replays;
        this.reports = reports;
    }

    record NoiseRunBody(String context, Instant from, Instant to, Integer sample, String reason, Integer ratePerSecond) {
    }

    record Accepted(String noiseRunId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NoiseRunView(String noiseRunId, ReplayState state, String context, Instant from, Instant to, Integer sample,
            String reason, String requestedBy, Instant requestedAt, Long selected, long published, long decided,
            String failure, List<FieldView> fields, List<RuleSuggestion> suggestions, Map<String, Integer> compared) {
    }

    /** A noisy field: {@code side} as on the wire ({@code legacy} | {@code shadow}). */
    record FieldView(String outcomeType, String path, String side, int differing, int compared, double differingRate) {
    }

    private static Map<String, Integer> compared(Map<Side, Integer> bySide) {
        Map<String, Integer> compared = new TreeMap<>();
        bySide.forEach((side, count) -> compared.put(side.wireName(), count));
        return compared;
    }

    @PostMapping
    ResponseEntity<Accepted> request(@RequestBody NoiseRunBody body, Principal principal) {
        ReplayRun run = replays.request(new ReplayRequest(ReplayKind.NOISE, body.context(), body.from(), body.to(),
                Set.of(), Set.of(), body.sample(), body.reason() == null ? DEFAULT_REASON : body.reason(),
                body.ratePerSecond() == null ? ReplayController.DEFAULT_RATE : body.ratePerSecond()), principal.getName());
        return ResponseEntity.accepted().location(URI.create("/api/v1/noise-runs/" + run.replayId()))
                .body(new Accepted(run.replayId()));
    }

    @GetMapping("/{noiseRunId}")
    NoiseRunView get(@PathVariable String noiseRunId) {
        ReplayRun run = replays.find(noiseRunId).filter(r -> r.kind() == ReplayKind.NOISE)
                .orElseThrow(() -> new ReplayNotFoundException("noise run", noiseRunId));
        long decided = replays.decided(noiseRunId);
        NoiseReports.Report report = reports.report(run);
        return new NoiseRunView(run.replayId(), run.state(), run.context(), run.from(), run.to(), run.sample(),
                run.reason(), run.requestedBy(), run.requestedAt(), run.selected(), run.published(), decided,
                run.failure(), report.fields().stream().map(f -> new FieldView(f.outcomeType(), f.path(),
                        f.side().wireName(), f.differing(), f.compared(), f.differingRate())).toList(),
                report.suggestions(), compared(report.compared()));
    }
}
