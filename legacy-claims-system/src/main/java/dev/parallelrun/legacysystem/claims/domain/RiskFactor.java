package dev.parallelrun.legacysystem.claims.domain;

/** A factor that raises the risk score, with the legacy reason code it is reported as. */
record RiskFactor(String reasonCode, int points) {

    static final String HIGH_AMOUNT = "R01";
    static final String SUSPICIOUS_DESCRIPTION = "R02";
    static final String LATE_REPORTING = "R03";
    static final String FOREIGN_REGION = "R04";
}
