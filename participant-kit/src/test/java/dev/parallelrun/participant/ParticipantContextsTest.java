package dev.parallelrun.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParticipantContextsTest {

    @Test
    void consumesTheIntentTopicOfEveryContextItsHandlersDecideOnce() {
        ParticipantContexts contexts = new ParticipantContexts(List.of("pricing", "claims", "pricing"));

        assertThat(contexts.names()).containsExactly("claims", "pricing");
        assertThat(contexts.intentTopics()).containsExactly("intents.claims.v1", "intents.pricing.v1");
    }

    @Test
    void labelsAContextFromTheWireOnlyWhenItIsOneOfItsOwn() {
        ParticipantContexts contexts = new ParticipantContexts(List.of("claims"));

        assertThat(contexts.label("claims")).isEqualTo("claims");
        assertThat(contexts.label("anything-a-producer-wrote")).isEqualTo("other");
        assertThat(contexts.label(null)).isEqualTo("other");
        assertThat(contexts.labelOfTopic("intents.claims.v1")).isEqualTo("claims");
        assertThat(contexts.labelOfTopic("intents.billing.v1")).isEqualTo("other");
    }

    @Test
    void refusesAParticipantWithoutHandlersOrWithAContextNoTopicCanBeNamedAfter() {
        assertThatThrownBy(() -> new ParticipantContexts(List.of())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new ParticipantContexts(List.of("Claims Context")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
