package dev.parallelrun.reconciliation.cases.web;

/** A change of a case without the {@code If-Match} version it was decided on (answered 428). */
class PreconditionRequiredException extends RuntimeException {

    PreconditionRequiredException() {
        super("If-Match is required: the ETag of the case as you read it (GET /api/v1/cases/{caseId})");
    }
}
