package dev.parallelrun.reconciliation.authority.messaging;

import dev.parallelrun.reconciliation.authority.AuthorityProperties;
import dev.parallelrun.reconciliation.authority.application.AuthorityDecisions;
import dev.parallelrun.reconciliation.authority.application.AuthorityStageGauge;
import dev.parallelrun.reconciliation.authority.application.DecisionPublication;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On start-up and then every {@code reconciliation.authority.relay-interval}: publishes the decisions that were
 * recorded but not acknowledged by the broker (a crash or a broker outage between the commit and the send), and
 * refreshes the stage gauge from the log (another instance may have decided).
 */
@Component
class AuthorityDecisionRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuthorityDecisionRelay.class);

    private final DecisionPublication publication;
    private final AuthorityDecisions decisions;
    private final AuthorityStageGauge gauge;
    private final AuthorityProperties properties;
    private volatile ScheduledExecutorService executor;

    AuthorityDecisionRelay(DecisionPublication publication, AuthorityDecisions decisions, AuthorityStageGauge gauge,
            AuthorityProperties properties) {
        this.publication = publication;
        this.decisions = decisions;
        this.gauge = gauge;
        this.properties = properties;
    }

    void relay() {
        try {
            decisions.current().forEach(current -> gauge.record(current.context(), current.state().stage()));
            publication.publishAllPending();
        } catch (RuntimeException e) {
            log.warn("authority decision relay: {} (trying again in {})", e.toString(), properties.relayInterval());
        }
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "authority-decision-relay");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::relay, 0, properties.relayInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
