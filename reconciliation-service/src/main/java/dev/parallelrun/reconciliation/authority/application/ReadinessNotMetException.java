package dev.parallelrun.reconciliation.authority.application;

import dev.parallelrun.reconciliation.readiness.ReadinessReport;

/** A promotion whose readiness is not met and that carries no override (answered 409 with the report). */
public class ReadinessNotMetException extends RuntimeException {

    private final transient ReadinessReport report;

    public ReadinessNotMetException(ReadinessReport report) {
        super("context " + report.context() + " is not ready for this promotion: "
                + String.join(", ", report.criteria().stream().filter(c -> !c.met()).map(ReadinessReport.Criterion::name)
                .toList()) + " not met; give overrideReadiness with the reason to promote anyway");
        this.report = report;
    }

    public ReadinessReport report() {
        return report;
    }
}
