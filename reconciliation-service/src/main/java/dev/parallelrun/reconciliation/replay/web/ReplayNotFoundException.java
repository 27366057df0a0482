package dev.parallelrun.reconciliation.replay.web;

import dev.parallelrun.reconciliation.web.ResourceNotFoundException;

/** No replay or noise run has this id. */
class ReplayNotFoundException extends ResourceNotFoundException {

    ReplayNotFoundException(String what, String id) {
        super(what + " not found", "no " + what + " " + id);
    }
}
