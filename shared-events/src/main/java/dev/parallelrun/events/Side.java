package dev.parallelrun.events;

/** Which world an outcome comes from. */
public enum Side {
    LEGACY("legacy"),
    SHADOW("shadow");

    private final String wireName;

    Side(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The outcome topic this side publishes to. */
    public String outcomeTopic() {
        return this == LEGACY ? Topics.OUTCOMES_LEGACY : Topics.OUTCOMES_SHADOW;
    }

    public Side other() {
        return this == LEGACY ? SHADOW : LEGACY;
    }

    public static Side fromWire(String value) {
        for (Side side : values()) {
            if (side.wireName.equals(value)) {
                return side;
            }
        }
        throw new IllegalArgumentException("unknown side '" + value + "' (expected legacy or shadow)");
    }
}
