package dev.parallelrun.events.authority;

/**
 * Where a context stands on its way from legacy to the new service (seed 000: "that progression is the architecture").
 * A promotion moves one stage at a time; a rollback may go back to any earlier stage.
 */
public enum AuthorityStage {
    /** The new service runs in shadow: not authoritative. */
    SHADOW,
    /** The new service's outcomes are routinely compared and approved; still not authoritative. */
    VALIDATED,
    /** The new service is authoritative for the listed cohorts, legacy for everything else. */
    SELECTIVE,
    /** The new service is authoritative for everything; legacy runs as a reverse shadow and is the fallback. */
    FULL;

    /** The stage's number on the {@code parallelrun_authority_stage} gauge: 0 = SHADOW … 3 = FULL. */
    public int level() {
        return ordinal();
    }

    /** Whether moving from this stage to the other is a rollback (towards {@link #SHADOW}). */
    public boolean isRollbackTo(AuthorityStage other) {
        return other.ordinal() < ordinal();
    }

    /** The stage by its name, case-insensitive; {@code null} when there is no such stage. */
    public static AuthorityStage parse(String name) {
        if (name == null) {
            return null;
        }
        for (AuthorityStage stage : values()) {
            if (stage.name().equalsIgnoreCase(name.trim())) {
                return stage;
            }
        }
        return null;
    }
}
