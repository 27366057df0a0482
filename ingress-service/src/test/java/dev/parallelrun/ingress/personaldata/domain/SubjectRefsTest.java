package dev.parallelrun.ingress.personaldata.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SubjectRefsTest {

    private static final String SECRET = "a-test-secret-of-at-least-32-bytes!!";

    private final SubjectRefs refs = new SubjectRefs(SECRET);

    @Test
    void derivesTheSameRefForTheSameIdentityWrittenDifferently() {
        String ref = refs.refOf("erika@example.org");

        assertThat(ref).matches("ds-[0-9a-f]{32}");
        assertThat(refs.refOf("  Erika@Example.ORG ")).isEqualTo(ref);
        // NFC: an e with a combining acute accent is the same person as é
        assertThat(refs.refOf("rene\u0301@example.org")).isEqualTo(refs.refOf("ren\u00e9@example.org"));
    }

    @Test
    void derivesDifferentRefsForDifferentPeopleAndDifferentSecrets() {
        assertThat(refs.refOf("erika@example.org")).isNotEqualTo(refs.refOf("max@example.org"));
        assertThat(new SubjectRefs(SECRET + "-other").refOf("erika@example.org"))
                .isNotEqualTo(refs.refOf("erika@example.org"));
    }

    @Test
    void refusesAShortSecret() {
        assertThatThrownBy(() -> new SubjectRefs("short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> new SubjectRefs(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
