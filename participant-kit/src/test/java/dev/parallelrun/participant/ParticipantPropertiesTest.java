package dev.parallelrun.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.IntentType;
import dev.parallelrun.events.Side;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

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

    @Test
    void replaysAreDecidedByTheHandlerUnlessConfigured() {
        assertThat(bound(Map.of()).replays().answerFromStoredOutcomes()).isFalse();
        assertThat(bound(Map.of("participant.replays.answer-from-stored-outcomes", "true")).replays()
                .answerFromStoredOutcomes()).isTrue();
        assertThat(IntentListenerTest.properties().replays()).isEqualTo(ParticipantProperties.Replays.DEFAULT);
    }

    @Test
    void storedOutcomesAreKeptAtLeastAsLongAsAReplayReachesBackByDefault() {
        Duration retention = bound(Map.of()).retention().processedIntents();

        assertThat(retention).as("the replay horizon").isGreaterThanOrEqualTo(Duration.ofDays(7));
        assertThat(StoredOutcomeReplay.readable(retention)).isEqualTo("14d");
        assertThat(StoredOutcomeReplay.readable(Duration.ofHours(36))).isEqualTo("PT36H");
    }

    @Test
    void refusesToAnswerReplaysFromTheStoreForAHandlerThatNamesNoOutcomeTypes() {
        ParticipantProperties base = IntentListenerTest.properties();
        ParticipantProperties answering = new ParticipantProperties(base.side(), base.source(), base.consumer(),
                base.retry(), base.publishTimeout(), base.topics(), base.retention(), base.relay(),
                base.authorityDeadline(), new ParticipantProperties.Replays(true));
        IntentHandler silent = new IntentHandler() {
            @Override
            public IntentType intentType() {
                return Notes.NOTE_TAKEN;
            }

            @Override
            public Decision handle(CloudEvent intent) {
                throw new AssertionError("not called");
            }
        };

        assertThatThrownBy(() -> new IntentProcessor(answering, List.of(silent), null, null, null, null, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("notes.NoteTaken.v1 names none");
    }

    @Test
    void aKilledParticipantHoldsItsPartitionsTenSecondsByDefaultWellInsideAMatchingWindow() {
        assertThat(bound(Map.of()).consumer().sessionTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(bound(Map.of("participant.consumer.session-timeout", "20s")).consumer().sessionTimeout())
                .isEqualTo(Duration.ofSeconds(20));
        assertThat(new ParticipantProperties.Consumer("test", 4, 10).sessionTimeout())
                .isEqualTo(ParticipantProperties.Consumer.DEFAULT_SESSION_TIMEOUT);
        assertThatThrownBy(() -> bound(Map.of("participant.consumer.session-timeout", "0s")))
                .hasRootCauseInstanceOf(IllegalArgumentException.class)
                .rootCause().hasMessageContaining("participant.consumer.session-timeout");
    }

    private static ParticipantProperties bound(Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(Map.of("participant.side", "legacy",
                "participant.source", "urn:parallelrun:test", "participant.consumer.group", "test"));
        properties.putAll(extra);
        return new Binder(new MapConfigurationPropertySource(properties))
                .bind("participant", ParticipantProperties.class).get();
    }
}
