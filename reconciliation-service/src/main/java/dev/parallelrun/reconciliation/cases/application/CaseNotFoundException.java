package dev.parallelrun.reconciliation.cases.application;

/** No case has this id (answered 404). */
public class CaseNotFoundException extends RuntimeException {

    public CaseNotFoundException(String caseId) {
        super("no divergence case " + caseId);
    }
}
