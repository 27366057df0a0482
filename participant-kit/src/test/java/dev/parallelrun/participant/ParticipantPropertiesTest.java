package dev.parallelrun.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.events.Side;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ParticipantPropertiesTest {

    @Test
    void theShadowSideRelaysItsDispatchedSideEffectsAndTheLegacySideDoesNotUnlessConfigured() {
        ParticipantProperties.Relay unset = ParticipantProperties.Relay.DEFAULT;

        assertThat(unset.enabledOn(Side.SHADOW)).isTrue();
        assertThat(unset.enabledOn(Side.LEGACY)).isFalse();
        assertThat(new ParticipantProperties.Relay(false, Duration.ofMillis(250), 100).enabledOn(Side.SHADOW)).isFalse();
        assertThat(new ParticipantProperties.Relay(true, Duration.ofMillis(250), 100).enabledOn(Side.LEGACY)).isTrue();
    }

    @Test
    void propertiesBuiltWithoutARelayGetItsDefaults() {
        ParticipantProperties legacy = IntentListenerTest.properties();

        assertThat(legacy.relay()).isEqualTo(ParticipantProperties.Relay.DEFAULT);
        assertThat(legacy.relays()).isFalse();
    }

    @Test
    void refusesABatchOfNothing() {
        assertThatThrownBy(() -> new ParticipantProperties.Relay(null, Duration.ofMillis(250), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("participant.relay.batch-size");
    }
}
