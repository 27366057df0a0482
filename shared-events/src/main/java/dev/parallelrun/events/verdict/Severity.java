package dev.parallelrun.events.verdict;

/** How much a difference matters to the business, from NONE to CRITICAL; ordered. */
public enum Severity {
    NONE,
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    public Severity worst(Severity other) {
        return other != null && other.compareTo(this) > 0 ? other : this;
    }
}
