package dev.parallelrun.reconciliation.authority.domain;

import static dev.parallelrun.events.authority.AuthorityStage.FULL;
import static dev.parallelrun.events.authority.AuthorityStage.SELECTIVE;
import static dev.parallelrun.events.authority.AuthorityStage.SHADOW;
import static dev.parallelrun.events.authority.AuthorityStage.VALIDATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.events.authority.AuthorityStage;
import dev.parallelrun.events.authority.Cohort;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthorityTransitionsTest {

    private static final Cohort MOTOR_DE = new Cohort("motor", "DE", null);
    private static final Cohort MOTOR = new Cohort("motor", null, null);
    private static final Cohort HOME_DE = new Cohort("home", "DE", null);

    @Test
    void promotesOneStageAtATimeFromTheStateBeforeAnyDecision() {
        Transition transition = AuthorityTransitions.judge(AuthorityState.BEFORE_ANY_DECISION, VALIDATED, List.of());

        assertThat(transition.move()).isEqualTo(Move.PROMOTION);
        assertThat(transition.needsReadiness()).isTrue();
        assertThat(transition.cohortsAdded()).isEmpty();
    }

    @Test
    void refusesAPromotionThatSkipsAStage() {
        assertThatThrownBy(() -> AuthorityTransitions.judge(AuthorityState.BEFORE_ANY_DECISION, SELECTIVE, List.of(MOTOR_DE)))
                .isInstanceOf(TransitionRefusedException.class)
                .hasMessageContaining("from SHADOW the next stage is VALIDATED, not SELECTIVE");
        assertThatThrownBy(() -> AuthorityTransitions.judge(state(VALIDATED), FULL, List.of()))
                .isInstanceOf(TransitionRefusedException.class);
    }

    @Test
    void promotesToSelectiveWithEveryCohortToBeCovered() {
        Transition transition = AuthorityTransitions.judge(state(VALIDATED), SELECTIVE, List.of(MOTOR_DE, HOME_DE));

        assertThat(transition.move()).isEqualTo(Move.PROMOTION);
        assertThat(transition.cohortsAdded()).containsExactly(MOTOR_DE, HOME_DE);
    }

    @Test
    void promotesFromSelectiveToFullWithoutCohorts() {
        Transition transition = AuthorityTransitions.judge(state(SELECTIVE, MOTOR_DE), FULL, List.of());

        assertThat(transition.move()).isEqualTo(Move.PROMOTION);
        assertThat(transition.cohortsAdded()).isEmpty();
    }

    @Test
    void rollsBackToAnyEarlierStageWithoutReadiness() {
        for (AuthorityStage earlier : List.of(SHADOW, VALIDATED)) {
            Transition transition = AuthorityTransitions.judge(state(FULL), earlier, List.of());

            assertThat(transition.move()).isEqualTo(Move.ROLLBACK);
            assertThat(transition.needsReadiness()).isFalse();
        }
        assertThat(AuthorityTransitions.judge(state(FULL), SELECTIVE, List.of(MOTOR_DE)).move()).isEqualTo(Move.ROLLBACK);
    }

    @Test
    void widensTheCohortsOfSelectiveAsAPromotionOfTheNewOnesOnly() {
        Transition transition = AuthorityTransitions.judge(state(SELECTIVE, MOTOR_DE), SELECTIVE,
                List.of(MOTOR_DE, HOME_DE));

        assertThat(transition.move()).isEqualTo(Move.PROMOTION);
        assertThat(transition.cohortsAdded()).containsExactly(HOME_DE);
    }

    @Test
    void treatsAWiderCohortReplacingANarrowerOneAsAPromotion() {
        Transition transition = AuthorityTransitions.judge(state(SELECTIVE, MOTOR_DE), SELECTIVE, List.of(MOTOR));

        assertThat(transition.move()).isEqualTo(Move.PROMOTION);
        assertThat(transition.cohortsAdded()).containsExactly(MOTOR);
    }

    @Test
    void narrowsTheCohortsOfSelectiveAsARollback() {
        assertThat(AuthorityTransitions.judge(state(SELECTIVE, MOTOR), SELECTIVE, List.of(MOTOR_DE)).move())
                .isEqualTo(Move.ROLLBACK);
        assertThat(AuthorityTransitions.judge(state(SELECTIVE, MOTOR_DE, HOME_DE), SELECTIVE, List.of(HOME_DE)).move())
                .isEqualTo(Move.ROLLBACK);
    }

    @Test
    void refusesADecisionThatChangesNothing() {
        assertThatThrownBy(() -> AuthorityTransitions.judge(state(VALIDATED), VALIDATED, List.of()))
                .isInstanceOf(TransitionRefusedException.class);
        assertThatThrownBy(() -> AuthorityTransitions.judge(AuthorityState.BEFORE_ANY_DECISION, SHADOW, List.of()))
                .isInstanceOf(TransitionRefusedException.class);
        assertThatThrownBy(() -> AuthorityTransitions.judge(state(SELECTIVE, MOTOR_DE), SELECTIVE, List.of(MOTOR_DE)))
                .isInstanceOf(TransitionRefusedException.class);
    }

    @Test
    void givesCohortsToSelectiveOnly() {
        assertThatThrownBy(() -> AuthorityTransitions.judge(state(VALIDATED), SELECTIVE, List.of()))
                .isInstanceOfSatisfying(InvalidDecisionException.class, e -> assertThat(e.field()).isEqualTo("cohorts"));
        assertThatThrownBy(() -> AuthorityTransitions.judge(state(SELECTIVE, MOTOR_DE), FULL, List.of(MOTOR_DE)))
                .isInstanceOfSatisfying(InvalidDecisionException.class, e -> assertThat(e.field()).isEqualTo("cohorts"));
        assertThatThrownBy(() -> AuthorityTransitions.judge(state(FULL), SHADOW, List.of(MOTOR_DE)))
                .isInstanceOf(InvalidDecisionException.class);
    }

    private static AuthorityState state(AuthorityStage stage, Cohort... cohorts) {
        return new AuthorityState("d-" + stage, stage, List.of(cohorts));
    }

    @Test
    void refusesANotReadyPromotionUnlessAnOverrideSaysWhyAndRecordsIt() {
        Transition promotion = AuthorityTransitions.judge(state(VALIDATED), SELECTIVE, List.of(MOTOR_DE));

        assertThat(promotion.admit(false, null).allowed()).isFalse();
        assertThat(promotion.admit(false, "  ").allowed()).isFalse();
        assertThat(promotion.admit(false, "pilot agreed with the business")).isEqualTo(
                new Transition.Admission(true, "pilot agreed with the business"));
        assertThat(promotion.admit(true, "not needed")).isEqualTo(new Transition.Admission(true, null));
    }

    @Test
    void admitsARollbackWhateverTheReadiness() {
        Transition rollback = AuthorityTransitions.judge(state(FULL), SHADOW, List.of());

        assertThat(rollback.admit(false, null)).isEqualTo(new Transition.Admission(true, null));
    }
}
