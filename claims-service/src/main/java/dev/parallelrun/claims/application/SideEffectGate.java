package dev.parallelrun.claims.application;

import dev.parallelrun.claims.config.ClaimsServiceProperties;
import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The only way a decision's side effects leave this service.
 *
 * <p>While the service is not authoritative ({@code claims-service.authoritative=false}, the default),
 * every side effect is recorded as {@link SideEffectStatus#SUPPRESSED} and nothing else happens: the
 * shadow never pays, never notifies. When authoritative, it is recorded as
 * {@link SideEffectStatus#DISPATCHED} in the same table, which then acts as a transactional outbox for
 * a dispatcher to relay. No external payment or notification system exists in this platform, so no
 * such relay exists either: "dispatched" means "committed to the outbox". A replayed intent
 * ({@code replay=true}) never dispatches, even when authoritative: a replay re-runs a comparison, it
 * must not pay twice.
 *
 * <p>Records are written in the caller's transaction, together with the processed-intent record, so a
 * redelivered intent never records a side effect twice. Metrics count after commit.
 */
@Component
public class SideEffectGate {

    private static final Logger log = LoggerFactory.getLogger(SideEffectGate.class);

    private final boolean authoritative;
    private final SideEffectStore store;
    private final Clock clock;
    private final EventCodec codec;
    private final Map<SideEffectType, Counter> suppressed = new EnumMap<>(SideEffectType.class);
    private final Map<SideEffectType, Counter> dispatched = new EnumMap<>(SideEffectType.class);

    SideEffectGate(ClaimsServiceProperties properties, SideEffectStore store, Clock clock, EventCodec codec,
            MeterRegistry registry) {
        this.authoritative = properties.authoritative();
        this.store = store;
        this.clock = clock;
        this.codec = codec;
        for (SideEffectType type : SideEffectType.values()) {
            suppressed.put(type, Counter.builder("claims.side_effects.suppressed")
                    .description("Side effects recorded instead of performed, because the service is not authoritative")
                    .tag("type", type.name()).register(registry));
            dispatched.put(type, Counter.builder("claims.side_effects.dispatched")
                    .description("Side effects committed to the outbox while the service is authoritative")
                    .tag("type", type.name()).register(registry));
        }
        if (authoritative) {
            log.warn("claims-service is AUTHORITATIVE: side effects are committed to the outbox for dispatch");
        } else {
            log.info("claims-service is not authoritative (shadow mode): side effects are recorded as suppressed");
        }
    }

    /** Whether side effects are currently dispatched rather than suppressed. */
    public boolean authoritative() {
        return authoritative;
    }

    List<GatedSideEffect> pass(CloudEvent intent, List<SideEffectRequest> requests) {
        SideEffectStatus status = authoritative && !Boolean.TRUE.equals(intent.replay())
                ? SideEffectStatus.DISPATCHED
                : SideEffectStatus.SUPPRESSED;
        List<GatedSideEffect> recorded = new ArrayList<>();
        for (SideEffectRequest request : requests) {
            GatedSideEffect sideEffect = new GatedSideEffect(idOf(intent.id(), request.type()), intent.id(),
                    intent.correlationId(), request.type(), codec.tree(request.payload()), status, clock.instant());
            store.record(sideEffect);
            recorded.add(sideEffect);
        }
        afterCommit(() -> recorded.forEach(this::count));
        return recorded;
    }

    /** The id of an intent's side effect of a type: stable across redeliveries. */
    static UUID idOf(String intentEventId, SideEffectType type) {
        return UUID.nameUUIDFromBytes((intentEventId + "|" + type.name()).getBytes(StandardCharsets.UTF_8));
    }

    private void count(GatedSideEffect sideEffect) {
        (sideEffect.status() == SideEffectStatus.SUPPRESSED ? suppressed : dispatched).get(sideEffect.type()).increment();
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
