package dev.parallelrun.reconciliation.authority.messaging;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Topics;
import dev.parallelrun.events.authority.AuthorityDecided;
import dev.parallelrun.reconciliation.authority.AuthorityProperties;
import dev.parallelrun.reconciliation.authority.application.AuthorityDecision;
import dev.parallelrun.reconciliation.authority.application.DecisionPublisher;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * A decision as the fact {@link AuthorityDecided} on the compacted {@code authority.decisions.v1}, keyed by its context
 * (the topic keeps each context's latest decision), event id = decision id.
 */
@Component
class KafkaDecisionPublisher implements DecisionPublisher {

    static final String SOURCE = "urn:parallelrun:reconciliation-service:authority";

    private final KafkaTemplate<String, CloudEvent> authorityDecisionTemplate;
    private final AuthorityProperties properties;
    private final EventCodec codec = EventCodec.standard();

    KafkaDecisionPublisher(KafkaTemplate<String, CloudEvent> authorityDecisionTemplate, AuthorityProperties properties) {
        this.authorityDecisionTemplate = authorityDecisionTemplate;
        this.properties = properties;
    }

    @Override
    public void publish(AuthorityDecision decision) {
        try {
            authorityDecisionTemplate.send(Topics.AUTHORITY_DECISIONS, decision.context(), event(decision))
                    .get(properties.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing decision " + decision.decisionId(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not acknowledge decision " + decision.decisionId(), e);
        }
    }

    CloudEvent event(AuthorityDecision decision) {
        // the decision id doubles as the correlation id: a decision is its own business transaction
        return CloudEvent.fact(decision.decisionId(), AuthorityDecided.EVENT_TYPE, SOURCE, decision.decidedAt(),
                decision.decisionId(), decision.context(), codec.tree(decision.event()));
    }
}
