package dev.parallelrun.ingress.intent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class IntentIdsTest {

    private static final String HASH = "a".repeat(64);

    @Test
    void derivesTheSameEventIdForTheSameChannelKeyAndRequest() {
        assertThat(IntentIds.eventId("web-portal", "key-1", HASH)).isEqualTo(IntentIds.eventId("web-portal", "key-1", HASH));
    }

    @Test
    void derivesDifferentIdsForAnotherChannelKeyOrRequest() {
        String id = IntentIds.eventId("web-portal", "key-1", HASH);

        assertThat(IntentIds.eventId("call-centre", "key-1", HASH)).isNotEqualTo(id);
        assertThat(IntentIds.eventId("web-portal", "key-2", HASH)).isNotEqualTo(id);
        assertThat(IntentIds.eventId("web-portal", "key-1", "b".repeat(64))).isNotEqualTo(id);
    }

    @Test
    void keepsTheBoundariesBetweenTheParts() {
        assertThat(IntentIds.eventId("ab", "c", HASH)).isNotEqualTo(IntentIds.eventId("a", "bc", HASH));
    }

    @Test
    void derivesACorrelationIdDistinctFromTheEventId() {
        assertThat(IntentIds.correlationId("web-portal", "key-1", HASH))
                .isEqualTo(IntentIds.correlationId("web-portal", "key-1", HASH))
                .isNotEqualTo(IntentIds.eventId("web-portal", "key-1", HASH));
    }

    @Test
    void derivedIdsAreVersion8Uuids() {
        UUID id = UUID.fromString(IntentIds.eventId("web-portal", "key-1", HASH));

        assertThat(id.version()).isEqualTo(8);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void randomIdsDiffer() {
        assertThat(IntentIds.random()).isNotEqualTo(IntentIds.random());
    }
}
