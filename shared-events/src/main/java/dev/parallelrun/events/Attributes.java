package dev.parallelrun.events;

/** CloudEvents attribute names, context and extension attributes alike (lower-case, as the spec requires). */
public final class Attributes {
    public static final String SPEC_VERSION = "specversion";
    public static final String ID = "id";
    public static final String TYPE = "type";
    public static final String SOURCE = "source";
    public static final String TIME = "time";
    public static final String DATA_CONTENT_TYPE = "datacontenttype";
    public static final String DATA = "data";
    public static final String CORRELATION_ID = "correlationid";
    public static final String CAUSATION_ID = "causationid";
    public static final String BOUNDED_CONTEXT = "boundedcontext";
    public static final String SIDE = "side";
    public static final String OUTCOME_TYPE = "outcometype";
    public static final String OUTCOME_STATUS = "outcomestatus";
    public static final String REPLAY = "replay";
    public static final String REPLAY_ID = "replayid";
    /**
     * On a replayed intent and its outcomes: {@code replay} (the default when absent: legacy is not asked again, its
     * stored answer is replayed) or {@code noise} (both sides decide again, legacy in simulate mode).
     */
    public static final String REPLAY_KIND = "replaykind";
    /** The side whose side effects are real for this intent ({@code legacy} | {@code shadow}). */
    public static final String AUTHORITY = "authority";
    /** The id of the authority decision that set {@link #AUTHORITY}; absent before a context's first decision. */
    public static final String AUTHORITY_DECISION = "authoritydecision";
    /** {@code false} on an intent that sampling leaves out of the parallel run: the new service skips it. */
    public static final String SAMPLED = "sampled";
    /**
     * {@code true} on a fallback intent (legacy executes it for real because the authoritative new service failed or
     * did not answer in time) and on the outcomes answering it.
     */
    public static final String FALLBACK = "fallback";

    private Attributes() {
    }
}
