package dev.parallelrun.runner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LiveSummaryTest {

    @Test
    void printsASelectiveStageWithItsCohorts() {
        assertThat(LiveSummary.stage("SELECTIVE", "[{\"productLine\": \"motor\", \"region\": \"DE\"}, {\"channel\": \"web\"}]"))
                .isEqualTo("SELECTIVE [motor/DE, web]");
        assertThat(LiveSummary.stage("FULL", "[]")).isEqualTo("FULL");
        assertThat(LiveSummary.stage("VALIDATED", null)).isEqualTo("VALIDATED");
    }
}
