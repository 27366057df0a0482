package dev.parallelrun.ingress.intent.application;

/** The channel is authenticated but not allowed to post this intent type. */
public class IntentNotPermittedException extends RuntimeException {

    public IntentNotPermittedException(String channel, String intentType) {
        super("channel " + channel + " may not post " + intentType + " intents");
    }
}
