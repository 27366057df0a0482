package dev.parallelrun.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.events.claims.ClaimsContract;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void pinsEveryTopicName() {
        assertThat(Topics.intents("claims")).isEqualTo("intents.claims.v1");
        assertThat(Topics.OUTCOMES_LEGACY).isEqualTo("outcomes.legacy.v1");
        assertThat(Topics.OUTCOMES_SHADOW).isEqualTo("outcomes.shadow.v1");
        assertThat(Topics.VERDICTS).isEqualTo("reconciliation.verdicts.v1");
        assertThat(Topics.AUTHORITATIVE_OUTCOMES).isEqualTo("outcomes.authoritative.v1");
        assertThat(Topics.AUTHORITY_DECISIONS).isEqualTo("authority.decisions.v1");
        assertThat(Topics.SIDE_EFFECTS_DISPATCHED).isEqualTo("sideeffects.dispatched.v1");
        assertThat(Topics.deadLetter("outcomes.legacy.v1")).isEqualTo("outcomes.legacy.v1.dlq");
    }

    @Test
    void listsEveryTopicWithItsDeadLetterTopic() {
        assertThat(Topics.all(List.of("claims"))).containsExactlyInAnyOrder(
                "intents.claims.v1", "intents.claims.v1.dlq",
                "outcomes.legacy.v1", "outcomes.legacy.v1.dlq",
                "outcomes.shadow.v1", "outcomes.shadow.v1.dlq",
                "reconciliation.verdicts.v1", "reconciliation.verdicts.v1.dlq",
                "outcomes.authoritative.v1", "authority.decisions.v1", "sideeffects.dispatched.v1");
    }

    @Test
    void sidesPublishToTheirOwnOutcomeTopic() {
        assertThat(Side.LEGACY.outcomeTopic()).isEqualTo("outcomes.legacy.v1");
        assertThat(Side.SHADOW.outcomeTopic()).isEqualTo("outcomes.shadow.v1");
    }

    @Test
    void pinsTheClaimsIntentType() {
        assertThat(ClaimsContract.CLAIM_SUBMITTED.eventType()).isEqualTo("claims.ClaimSubmitted.v1");
        assertThat(ClaimsContract.CLAIM_SUBMITTED.topic()).isEqualTo("intents.claims.v1");
        assertThat(IntentType.outcomeEventType("claims", "ClaimAssessed")).isEqualTo("claims.ClaimAssessed.v1");
    }

    @Test
    void rejectsContextNamesThatWouldMakeOddTopics() {
        assertThatThrownBy(() -> Topics.intents("Claims.V1")).isInstanceOf(IllegalArgumentException.class);
    }
}
