package dev.parallelrun.reconciliation.authority.messaging;

import dev.parallelrun.reconciliation.authority.AuthorityProperties;
import dev.parallelrun.reconciliation.authority.application.AuthorityDecisions;
import dev.parallelrun.reconciliation.authority.application.AuthorityStageGauge;
import dev.parallelrun.reconciliation.authority.application.DecisionPublication;
import dev.parallelrun.reconciliation.scheduling.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * On start-up and then every {@code reconciliation.authority.relay-interval}: publishes the decisions that were
 * recorded but not acknowledged by the broker (a crash or a broker outage between the commit and the send), and
 * refreshes the stage gauge from the log (another instance may have decided).
 */
@Component
class AuthorityDecisionRelay extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(AuthorityDecisionRelay.class);

    private final DecisionPublication publication;
    private final AuthorityDecisions decisions;
    private final AuthorityStageGauge gauge;
    private final AuthorityProperties properties;

    AuthorityDecisionRelay(DecisionPublication publication, AuthorityDecisions decisions, AuthorityStageGauge gauge,
            AuthorityProperties properties) {
        super("authority-decision-relay", properties.relayInterval());
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
    protected void runOnce() {
        relay();
    }
}
