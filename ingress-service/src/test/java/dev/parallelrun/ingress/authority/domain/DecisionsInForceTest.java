package dev.parallelrun.ingress.authority.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.Side;
import dev.parallelrun.events.authority.AuthorityDecided;
import dev.parallelrun.events.authority.AuthorityStage;
import dev.parallelrun.events.authority.Cohort;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionsInForceTest {

    private static final Instant NINE = Instant.parse("2026-11-02T09:00:00Z");
    private static final CohortAttributes MOTOR_DE = new CohortAttributes("motor", "DE", "web-portal");
    private static final CohortAttributes HOME_DE = new CohortAttributes("home", "DE", "web-portal");

    private final DecisionsInForce decisions = new DecisionsInForce();

    @Test
    void stampsNothingForAContextWithoutADecision() {
        decisions.apply(decision("d-1", "pricing", AuthorityStage.FULL, NINE));

        assertThat(decisions.stampFor("claims", MOTOR_DE)).isEmpty();
    }

    @Test
    void stampsTheNewServiceOnlyForTheSelectiveCohortsAndLegacyForTheRest() {
        decisions.apply(new AuthorityDecided("d-2", "claims", AuthorityStage.SELECTIVE,
                List.of(new Cohort("motor", "DE", null)), NINE, "admin"));

        assertThat(decisions.stampFor("claims", MOTOR_DE)).contains(new AuthorityStamp(Side.SHADOW, "d-2"));
        assertThat(decisions.stampFor("claims", HOME_DE)).contains(new AuthorityStamp(Side.LEGACY, "d-2"));
    }

    @Test
    void aLaterDecisionReplacesTheOneInForceAndAnEarlierOneDoesNot() {
        decisions.apply(decision("d-3", "claims", AuthorityStage.FULL, NINE));

        boolean earlier = decisions.apply(decision("d-2", "claims", AuthorityStage.VALIDATED, NINE.minusSeconds(60)));
        assertThat(earlier).isFalse();
        assertThat(decisions.stampFor("claims", HOME_DE)).contains(new AuthorityStamp(Side.SHADOW, "d-3"));

        boolean rollback = decisions.apply(decision("d-4", "claims", AuthorityStage.SHADOW, NINE.plusSeconds(60)));
        assertThat(rollback).isTrue();
        assertThat(decisions.stampFor("claims", MOTOR_DE)).contains(new AuthorityStamp(Side.LEGACY, "d-4"));
    }

    @Test
    void aForgottenContextIsStampedNoMore() {
        decisions.apply(decision("d-5", "claims", AuthorityStage.FULL, NINE));

        decisions.forget("claims");

        assertThat(decisions.stampFor("claims", MOTOR_DE)).isEmpty();
    }

    private static AuthorityDecided decision(String id, String context, AuthorityStage stage, Instant at) {
        return new AuthorityDecided(id, context, stage, List.of(), at, "admin");
    }
}
