package dev.parallelrun.reconciliation.replay.web;

import dev.parallelrun.events.Side;
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.reconciliation.replay.application.ReplayRun;
import dev.parallelrun.reconciliation.replay.noise.domain.FieldNoise;
import dev.parallelrun.reconciliation.replay.noise.domain.NoiseAnalysis;
import dev.parallelrun.reconciliation.replay.noise.domain.NoiseObservation;
import dev.parallelrun.reconciliation.replay.noise.domain.NoiseReport;
import dev.parallelrun.reconciliation.replay.noise.domain.RuleSuggestion;
import dev.parallelrun.reconciliation.replay.persistence.ReplayVerdicts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A noise run's report, computed from what its copies' verdicts stored: for every original, the two copies' normalized
 * (redacted) outcomes of each side compared with each other. A side whose copy did not complete (a failure, a missing
 * answer) gives no observation for that copy. Computed on every read: a sample is at most
 * {@link dev.parallelrun.reconciliation.replay.domain.ReplayRequest#MAX_SAMPLE} originals, and a report read while
 * verdicts still arrive says so in {@code compared}.
 */
@Component
class NoiseReports {

    /** The report as the API shows it. */
    record Report(List<FieldNoise> fields, List<RuleSuggestion> suggestions, Map<Side, Integer> compared) {
    }

    private final ReplayVerdicts verdicts;

    NoiseReports(ReplayVerdicts verdicts) {
        this.verdicts = verdicts;
    }

    Report report(ReplayRun run) {
        List<NoiseObservation> observations = new ArrayList<>();
        for (ReplayVerdicts.Row row : verdicts.all(run.replayId())) {
            Classification classification = row.classification();
            if (classification == Classification.FAILED || classification == Classification.DATA_QUALITY
                    || classification == Classification.UNANSWERED) {
                continue;
            }
            // grouped by the original: one original has one correlation id
            String original = row.originalCorrelationId();
            if (classification != Classification.MISSING_LEGACY && row.legacy() != null) {
                observations.add(new NoiseObservation(original, row.outcomeType(), Side.LEGACY, row.copy(), row.legacy()));
            }
            if (classification != Classification.MISSING_SHADOW && row.shadow() != null) {
                observations.add(new NoiseObservation(original, row.outcomeType(), Side.SHADOW, row.copy(), row.shadow()));
            }
        }
        NoiseReport report = NoiseAnalysis.analyse(observations);
        return new Report(report.fields(), report.suggestions(), report.compared());
    }
}
