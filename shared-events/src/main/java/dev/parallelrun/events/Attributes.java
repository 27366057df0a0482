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

    private Attributes() {
    }
}
