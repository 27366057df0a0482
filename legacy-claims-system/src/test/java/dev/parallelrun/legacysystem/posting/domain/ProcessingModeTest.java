package dev.parallelrun.legacysystem.posting.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessingModeTest {

    @Test
    void postsForCallersThatSendNoMode() {
        assertThat(ProcessingMode.parse(null)).contains(ProcessingMode.POST);
        assertThat(ProcessingMode.parse("   ")).contains(ProcessingMode.POST);
    }

    @Test
    void readsTheModeCaseInsensitivelyAndTrimmedLikeEveryLegacyCodeField() {
        assertThat(ProcessingMode.parse(" simulate ")).contains(ProcessingMode.SIMULATE);
        assertThat(ProcessingMode.parse("POST")).contains(ProcessingMode.POST);
    }

    @Test
    void knowsNoOtherMode() {
        assertThat(ProcessingMode.parse("DRY-RUN")).isEmpty();
        assertThat(ProcessingMode.invalid(" DRY-RUN ")).isEqualTo("INVALID MODE DRY-RUN");
    }
}
