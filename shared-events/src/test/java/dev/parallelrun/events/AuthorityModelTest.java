package dev.parallelrun.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.events.authority.AuthorityDecided;
import dev.parallelrun.events.authority.AuthorityStage;
import dev.parallelrun.events.authority.Cohort;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthorityModelTest {

    private static AuthorityDecided decided(AuthorityStage stage, Cohort... cohorts) {
        return new AuthorityDecided("d-1", "claims", stage, List.of(cohorts), Instant.EPOCH, "admin");
    }

    @Test
    void legacyIsAuthoritativeUntilSelectiveAndTheNewServiceFromFull() {
        assertThat(decided(AuthorityStage.SHADOW).authoritativeSide("motor", "DE", "web")).isEqualTo(Side.LEGACY);
        assertThat(decided(AuthorityStage.VALIDATED).authoritativeSide("motor", "DE", "web")).isEqualTo(Side.LEGACY);
        assertThat(decided(AuthorityStage.FULL).authoritativeSide(null, null, null)).isEqualTo(Side.SHADOW);
    }

    @Test
    void selectiveGivesTheNewServiceOnlyTheIntentsOfItsCohorts() {
        AuthorityDecided motorInGermany = decided(AuthorityStage.SELECTIVE, new Cohort("motor", "DE", null),
                new Cohort(null, null, "partner-portal"));

        assertThat(motorInGermany.authoritativeSide("motor", "DE", "web")).isEqualTo(Side.SHADOW);
        assertThat(motorInGermany.authoritativeSide("motor", "FR", "web")).isEqualTo(Side.LEGACY);
        assertThat(motorInGermany.authoritativeSide("home", "DE", "web")).isEqualTo(Side.LEGACY);
        assertThat(motorInGermany.authoritativeSide(null, "DE", "web")).isEqualTo(Side.LEGACY);
        assertThat(motorInGermany.authoritativeSide("home", "FR", "partner-portal")).isEqualTo(Side.SHADOW);
    }

    @Test
    void aCohortNamesSomethingAndIsWithinAWiderOne() {
        assertThatThrownBy(() -> new Cohort(null, null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> new Cohort(" motor", null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("productLine");
        assertThat(new Cohort("motor", "DE", null).within(new Cohort("motor", null, null))).isTrue();
        assertThat(new Cohort("motor", null, null).within(new Cohort("motor", "DE", null))).isFalse();
    }

    @Test
    void stagesHaveTheirGaugeLevelAndParseByName() {
        assertThat(AuthorityStage.FULL.level()).isEqualTo(3);
        assertThat(AuthorityStage.parse("selective")).isEqualTo(AuthorityStage.SELECTIVE);
        assertThat(AuthorityStage.parse("PARTIAL")).isNull();
        assertThat(AuthorityStage.FULL.isRollbackTo(AuthorityStage.SHADOW)).isTrue();
        assertThat(AuthorityStage.SHADOW.isRollbackTo(AuthorityStage.VALIDATED)).isFalse();
    }
}
