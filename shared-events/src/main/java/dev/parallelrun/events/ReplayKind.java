package dev.parallelrun.events;

/**
 * What a replayed intent is for ({@code replaykind}). A replay never has real side effects, whichever kind it is.
 */
public enum ReplayKind {
    /**
     * A governed replay: the new service decides again (side effects suppressed); legacy is never asked again, the
     * legacy adapter answers with the outcomes it stored for the original intent. The default when the attribute is
     * absent.
     */
    REPLAY("replay"),
    /**
     * A noise run: the same input is given to both sides more than once to see what differs when nothing changed; the
     * new service decides again (side effects suppressed) and legacy decides again in simulate mode.
     */
    NOISE("noise");

    private final String wireName;

    ReplayKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The kind named on the wire; {@link #REPLAY} when absent. */
    public static ReplayKind fromWire(String value) {
        if (value == null) {
            return REPLAY;
        }
        for (ReplayKind kind : values()) {
            if (kind.wireName.equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown replay kind '" + value + "' (expected replay or noise)");
    }
}
