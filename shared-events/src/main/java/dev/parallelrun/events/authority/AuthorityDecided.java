package dev.parallelrun.events.authority;

import dev.parallelrun.events.Side;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The data of an authority decision event on {@code authority.decisions.v1} (key = the context; the topic is
 * compacted, so it holds each context's latest decision): what the ingress needs to stamp intents.
 *
 * @param decisionId the decision's id, stamped on every intent it governs as {@code authoritydecision}
 * @param cohorts    where {@link AuthorityStage#SELECTIVE}: the cohorts the new service is authoritative for; empty
 *                   otherwise
 */
public record AuthorityDecided(String decisionId, String context, AuthorityStage stage, List<Cohort> cohorts,
        Instant decidedAt, String decidedBy) {

    /** The CloudEvents type of the decision event. */
    public static final String EVENT_TYPE = "authority.AuthorityDecided.v1";

    public AuthorityDecided {
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(stage, "stage");
        cohorts = cohorts == null ? List.of() : List.copyOf(cohorts);
    }

    /** The side whose side effects are real for an intent with these attributes under this decision. */
    public Side authoritativeSide(String productLine, String region, String channel) {
        return sideFor(stage, cohorts, productLine, region, channel);
    }

    /** The rule, in one place: legacy until {@code SELECTIVE}; there, the new service for its cohorts; then it. */
    public static Side sideFor(AuthorityStage stage, List<Cohort> cohorts, String productLine, String region,
            String channel) {
        return switch (stage) {
            case SHADOW, VALIDATED -> Side.LEGACY;
            case SELECTIVE -> cohorts.stream().anyMatch(cohort -> cohort.matches(productLine, region, channel))
                    ? Side.SHADOW : Side.LEGACY;
            case FULL -> Side.SHADOW;
        };
    }
}
