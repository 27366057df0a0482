package dev.parallelrun.participant;

/**
 * The outcomes of several intents were published together and not all were acknowledged: those of the intents before
 * {@link #firstNotPublished()} were, that one's were not, and those after it may or may not have been.
 */
public class OutcomesPartlyPublishedException extends OutcomeNotPublishedException {

    private final int firstNotPublished;

    /** @param cause why that intent's outcomes were not published, as a single publish would have thrown it */
    public OutcomesPartlyPublishedException(int firstNotPublished, RuntimeException cause) {
        super("the outcomes of intent " + firstNotPublished + " of the group (and maybe of later ones) were not "
                + "published: " + cause.getMessage(), cause);
        this.firstNotPublished = firstNotPublished;
    }

    /** The position, in the list given to {@link OutcomePublisher#publishInOrder}, of the first intent not published. */
    public int firstNotPublished() {
        return firstNotPublished;
    }

    /** Why: what publishing that intent's outcomes alone would have thrown. */
    @Override
    public synchronized RuntimeException getCause() {
        return (RuntimeException) super.getCause();
    }
}
