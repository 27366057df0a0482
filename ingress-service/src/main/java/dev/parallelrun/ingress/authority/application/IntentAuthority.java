package dev.parallelrun.ingress.authority.application;

import dev.parallelrun.events.authority.AuthorityDecided;
import dev.parallelrun.ingress.authority.domain.AuthorityStamp;
import dev.parallelrun.ingress.authority.domain.CohortAttributes;
import dev.parallelrun.ingress.authority.domain.DecisionsInForce;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Which side is authoritative for an intent the ingress accepts now, by the decisions read from
 * {@code authority.decisions.v1} so far.
 *
 * <p>A decision applies to the intents accepted after the ingress read it: the stamp is decided once, at acceptance,
 * and travels with the intent, so every participant (and the reconciliation) reads the same answer whenever it
 * processes the intent, and a rollback takes effect for the next intent accepted. Until the decisions that were on the
 * topic at start-up are read ({@link #caughtUp()}), no intent is stamped: {@link #requireKnown()} refuses it, and the
 * readiness probe says the instance is not ready, so that a restarted ingress never stamps an intent as legacy's that
 * a decision it has not read yet gives the new service.
 *
 * <p>Meters: {@code ingress.authority.decisions.applied{context,stage}} (decisions put in force) and
 * {@code ingress.authority.caught_up} (1 once the start-up decisions are read).
 */
public final class IntentAuthority {

    private static final Logger log = LoggerFactory.getLogger(IntentAuthority.class);

    private final DecisionsInForce decisions;
    private final MeterRegistry registry;
    private final CountDownLatch caughtUpLatch = new CountDownLatch(1);
    private volatile boolean caughtUp;

    public IntentAuthority(DecisionsInForce decisions, MeterRegistry registry) {
        this.decisions = decisions;
        this.registry = registry;
        Gauge.builder("ingress.authority.caught_up", () -> caughtUp ? 1 : 0)
                .description("1 once the authority decisions on the topic at start-up are read (intents are accepted)")
                .register(registry);
    }

    /** @throws AuthorityNotKnownException while the decisions in force at start-up are still being read */
    public void requireKnown() {
        if (!caughtUp) {
            throw new AuthorityNotKnownException();
        }
    }

    /**
     * The stamp of an intent of that context, with that data (its top-level {@code productLine} and {@code region}),
     * posted by that channel; none while the context has no decision (the intent is then legacy's).
     */
    public Optional<AuthorityStamp> stampFor(String context, JsonNode data, String channel) {
        return decisions.stampFor(context, CohortAttributes.of(data, channel));
    }

    /** A decision read from the topic. */
    public void decided(AuthorityDecided decided) {
        if (decisions.apply(decided)) {
            log.info("Authority decision {} in force for context {}: {} {}", decided.decisionId(), decided.context(),
                    decided.stage(), decided.cohorts());
            Counter.builder("ingress.authority.decisions.applied")
                    .description("Authority decisions put in force, by context and stage")
                    .tags("context", decided.context(), "stage", decided.stage().name())
                    .register(registry)
                    .increment();
        } else {
            log.info("Authority decision {} of context {} ignored: a later decision is in force", decided.decisionId(),
                    decided.context());
        }
    }

    /** A context's decision was deleted from the topic (a tombstone). */
    public void forgotten(String context) {
        log.warn("The authority decision of context {} was deleted: its intents are stamped no more", context);
        decisions.forget(context);
    }

    /** The decisions that were on the topic at start-up are read (or there was no topic). */
    public void markCaughtUp() {
        if (!caughtUp) {
            log.info("Read the authority decisions in force ({} context(s)): accepting intents", decisions.size());
        }
        caughtUp = true;
        caughtUpLatch.countDown();
    }

    /**
     * Waits until the decisions in force at start-up are read, at most that long.
     *
     * @return whether they are
     */
    public boolean awaitCaughtUp(Duration atMost) {
        try {
            return caughtUpLatch.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return caughtUp;
        }
    }

    /** Whether the decisions that were on the topic at start-up are read. */
    public boolean caughtUp() {
        return caughtUp;
    }
}
