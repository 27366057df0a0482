package dev.parallelrun.reconciliation.authority.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.authority.AuthorityDecided;
import dev.parallelrun.events.authority.AuthorityStage;
import dev.parallelrun.events.authority.Cohort;
import dev.parallelrun.reconciliation.authority.AuthorityProperties;
import dev.parallelrun.reconciliation.authority.application.AuthorityDecision;
import dev.parallelrun.reconciliation.authority.domain.AuthorityState;
import dev.parallelrun.reconciliation.config.ReconciliationProperties;
import dev.parallelrun.reconciliation.readiness.ReadinessReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class AuthorityMessagingConfigTest {

    @Test
    void declaresTheDecisionTopicCompactedWithTheServicesPartitionsAndReplication() {
        NewTopic topic = AuthorityMessagingConfig.decisionTopic(new ReconciliationProperties.Topics(6, (short) 3, 2));

        assertThat(topic.name()).isEqualTo("authority.decisions.v1");
        assertThat(topic.numPartitions()).isEqualTo(6);
        assertThat(topic.replicationFactor()).isEqualTo((short) 3);
        assertThat(topic.configs()).containsEntry("cleanup.policy", "compact").containsEntry("min.insync.replicas", "2");
    }

    @Test
    void publishesADecisionAsTheAuthorityDecidedFactNamedByItsId() {
        Instant at = Instant.parse("2026-12-04T10:15:30.123456Z");
        AuthorityDecision decision = new AuthorityDecision("6f1c4a52-0d3e-4f7a-9b1e-2a7d7f0c9e11", "claims",
                AuthorityStage.SELECTIVE, List.of(new Cohort("motor", "DE", null)), "motor in Germany first", "admin", at,
                AuthorityState.BEFORE_ANY_DECISION, new ReadinessReport("claims", true, at, List.of()), null);
        var publisher = new KafkaDecisionPublisher(null, new AuthorityProperties(Duration.ofSeconds(1), Duration.ofSeconds(1)));

        var event = publisher.event(decision);

        assertThat(event.id()).isEqualTo(decision.decisionId());
        assertThat(event.type()).isEqualTo(AuthorityDecided.EVENT_TYPE);
        assertThat(event.boundedContext()).isEqualTo("claims");
        assertThat(event.time()).isEqualTo(at);
        assertThat(EventCodec.standard().data(event.data(), AuthorityDecided.class)).isEqualTo(new AuthorityDecided(
                decision.decisionId(), "claims", AuthorityStage.SELECTIVE, List.of(new Cohort("motor", "DE", null)), at,
                "admin"));
    }
}
