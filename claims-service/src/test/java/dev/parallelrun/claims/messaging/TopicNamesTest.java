package dev.parallelrun.claims.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.Topics;
import dev.parallelrun.events.claims.ClaimsContract;
import org.junit.jupiter.api.Test;

class TopicNamesTest {

    @Test
    void listensToTheClaimsIntentTopicAsTheClaimsService() {
        assertThat(IntentListener.TOPIC).isEqualTo(Topics.intents(ClaimsContract.CONTEXT)).isEqualTo("intents.claims.v1");
        assertThat(IntentListener.GROUP_ID).isEqualTo("claims-service");
    }

    @Test
    void deadLettersToTheIntentTopicsDlq() {
        assertThat(KafkaConfig.DEAD_LETTER_TOPIC).isEqualTo("intents.claims.v1.dlq");
    }
}
