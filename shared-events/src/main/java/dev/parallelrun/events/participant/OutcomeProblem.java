package dev.parallelrun.events.participant;

/** The data of a {@code rejected} or {@code failed} outcome: why the side could not decide. */
public record OutcomeProblem(String reason, String detail) {
}
