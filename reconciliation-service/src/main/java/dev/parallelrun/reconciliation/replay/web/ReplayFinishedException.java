package dev.parallelrun.reconciliation.replay.web;

import dev.parallelrun.reconciliation.replay.domain.ReplayState;

/** A cancel of a run that has already ended. */
class ReplayFinishedException extends RuntimeException {

    private final ReplayState state;

    ReplayFinishedException(String replayId, ReplayState state) {
        super("replay " + replayId + " has already ended: " + state);
        this.state = state;
    }

    ReplayState state() {
        return state;
    }
}
