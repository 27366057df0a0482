package dev.parallelrun.participant;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Side;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The only way a decision's side effects leave a participant, and the one place that says whether they are real.
 *
 * <p>A side effect is {@link SideEffectStatus#DISPATCHED} only when the intent's {@code authority} attribute names
 * this participant's side, and never for a replay ({@code replay=true}: a replay re-runs a comparison, it must not pay
 * twice). An intent without {@code authority} was accepted before its context's first authority decision, when legacy
 * is authoritative. Everything else is {@link SideEffectStatus#SUPPRESSED}: recorded, not performed.
 *
 * <p>The new service's authority for an intent lasts until a deadline after the intent's acceptance
 * ({@link #asDecidable}): reconciliation hands an unanswered intent to legacy at the end of the matching window, and
 * the two must never both act.
 *
 * <p>Dispatched side effects are recorded in the same table, which then acts as a transactional outbox for a relay.
 * Records are written in the caller's transaction, together with the processed-intent record, so a redelivered
 * intent never records a side effect twice. Metrics count after commit.
 */
public final class SideEffectGate {

    private final Side side;
    private final SideEffects sideEffects;
    private final Clock clock;
    private final EventCodec codec;
    private final ParticipantMetrics metrics;
    private final Duration authorityDeadline;

    /** A gate with the default authority deadline ({@link ParticipantProperties#DEFAULT_AUTHORITY_DEADLINE}). */
    public SideEffectGate(Side side, SideEffects sideEffects, Clock clock, EventCodec codec, ParticipantMetrics metrics) {
        this(side, sideEffects, clock, codec, metrics, ParticipantProperties.DEFAULT_AUTHORITY_DEADLINE);
    }

    /** @param authorityDeadline how long after an intent's acceptance the new service may still act on its authority */
    public SideEffectGate(Side side, SideEffects sideEffects, Clock clock, EventCodec codec, ParticipantMetrics metrics,
            Duration authorityDeadline) {
        this.side = side;
        this.sideEffects = sideEffects;
        this.clock = clock;
        this.codec = codec;
        this.metrics = metrics;
        this.authorityDeadline = authorityDeadline;
    }

    /**
     * The intent as this participant must decide it. The new service acts on its authority only until the deadline
     * after the intent's acceptance: later, reconciliation may already have handed the intent to legacy as a fallback
     * (the new service's answer missing at the end of the matching window), and both would act. A late intent is
     * therefore decided as one legacy is authoritative for: its side effects are suppressed and its outcomes carry
     * {@code authority=legacy}, so they are compared but never taken as the truth, and reconciliation falls back to
     * legacy, once. Legacy's own side and every intent within the deadline are returned unchanged.
     */
    public CloudEvent asDecidable(CloudEvent intent) {
        if (side != Side.SHADOW || intent.authoritySide() != Side.SHADOW || intent.isReplay() || intent.time() == null
                || !clock.instant().isAfter(intent.time().plus(authorityDeadline))) {
            return intent;
        }
        metrics.authorityDeadlinePassed(intent.boundedContext());
        return intent.withAuthority(Side.LEGACY, intent.authorityDecision());
    }

    /** What happens to the side effects of an intent on the given side: the gate's rule, in one place. */
    public static SideEffectStatus decide(Side side, CloudEvent intent) {
        Side authoritative = intent.authoritySide() == null ? Side.LEGACY : intent.authoritySide();
        return authoritative == side && !intent.isReplay() ? SideEffectStatus.DISPATCHED : SideEffectStatus.SUPPRESSED;
    }

    /** What happens to this participant's side effects of an intent. */
    public SideEffectStatus decide(CloudEvent intent) {
        return decide(side, intent);
    }

    /** Records the side effects a decision asked for, in the caller's transaction, with the gate's decision. */
    public List<GatedSideEffect> pass(CloudEvent intent, List<SideEffectRequest> requests) {
        SideEffectStatus status = decide(intent);
        List<GatedSideEffect> recorded = new ArrayList<>();
        for (SideEffectRequest request : requests) {
            GatedSideEffect sideEffect = new GatedSideEffect(idOf(intent.id(), request.type()), intent.id(),
                    intent.correlationId(), request.type(), codec.tree(request.payload()), status, clock.instant());
            sideEffects.record(sideEffect);
            recorded.add(sideEffect);
        }
        afterCommit(() -> recorded.forEach(effect -> metrics.sideEffect(effect.type(), effect.status())));
        return recorded;
    }

    /** The id of an intent's side effect of a type: stable across redeliveries. */
    public static UUID idOf(String intentEventId, String type) {
        return UUID.nameUUIDFromBytes((intentEventId + "|" + type).getBytes(StandardCharsets.UTF_8));
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
