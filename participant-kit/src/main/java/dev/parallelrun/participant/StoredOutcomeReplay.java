package dev.parallelrun.participant;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.ReplayKind;
import dev.parallelrun.events.participant.Participant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Answers a governed replay with the outcomes this participant stored for the original intent, without deciding again
 * ({@code participant.replays.answer-from-stored-outcomes}). The legacy adapter's rule: legacy is never asked again
 * for a replay, so what reconciliation compares the new service's fresh decision against is legacy's answer to the
 * original.
 *
 * <p>Each stored outcome is published again as an answer to the replayed intent: a new id, deterministic in the
 * replayed intent's ({@link Participant#outcomeId}, as every outcome id), the replay's correlation id, caused by the
 * replayed intent, with its replay and authority attributes; type, status and data are the original's. Where nothing
 * is stored (the original was never processed here, or was purged after {@code participant.retention.processed-intents}),
 * each outcome type the handler decides is answered {@code failed} with the reason, so reconciliation classifies the
 * replay as failed instead of comparing against nothing.
 */
final class StoredOutcomeReplay {

    /** The {@code reason} of the failed outcome answering a replay whose original has no stored outcomes. */
    static final String NO_STORED_OUTCOME = "no-stored-outcome";

    private final ProcessedIntents processedIntents;
    private final Participant participant;
    private final Clock clock;
    private final Duration retention;

    StoredOutcomeReplay(ProcessedIntents processedIntents, Participant participant, Clock clock, Duration retention) {
        this.processedIntents = processedIntents;
        this.participant = participant;
        this.clock = clock;
        this.retention = retention;
    }

    /** The outcomes answering a replayed intent, and whether they are the original's or failures for want of them. */
    record Answer(List<CloudEvent> outcomes, boolean found) {
    }

    /** Whether an intent is a replay this class answers: a governed one, not a noise run (decided again, simulated). */
    static boolean answers(CloudEvent intent) {
        return intent.isReplay() && intent.replayKindOrDefault() == ReplayKind.REPLAY;
    }

    /**
     * @param outcomeTypes what the intent's handler decides, for the failed outcomes when nothing is stored
     */
    Answer answer(CloudEvent replayed, List<String> outcomeTypes) {
        List<CloudEvent> stored = replayed.causationId() == null ? List.of()
                : processedIntents.outcomesOf(replayed.causationId()).orElse(List.of());
        if (!stored.isEmpty()) {
            Instant now = clock.instant();
            return new Answer(stored.stream().map(original -> reidentified(original, replayed, now)).toList(), true);
        }
        String detail = "no stored " + participant.side().wireName() + " outcome for the original intent "
                + replayed.causationId() + ": not processed here, or purged after " + readable(retention);
        return new Answer(outcomeTypes.stream()
                .map(type -> participant.failed(replayed, type, NO_STORED_OUTCOME, detail))
                .toList(), false);
    }

    /** {@code 14d} rather than {@code PT336H}: the way the retention is configured. */
    static String readable(Duration duration) {
        return duration.toSeconds() % 86_400 == 0 ? duration.toDays() + "d" : duration.toString();
    }

    private static CloudEvent reidentified(CloudEvent original, CloudEvent replayed, Instant now) {
        return CloudEvent.outcome(Participant.outcomeId(replayed.id(), original.outcomeSide(), original.outcomeType()),
                original.type(), original.source(), now, replayed.correlationId(), replayed.id(),
                original.boundedContext(), original.outcomeSide(), original.outcomeType(), original.status(),
                original.data()).inheriting(replayed);
    }
}
