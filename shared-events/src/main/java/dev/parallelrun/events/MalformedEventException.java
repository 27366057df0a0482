package dev.parallelrun.events;

/** A message that cannot be read as a valid event: it belongs on a dead-letter topic, with this message as the reason. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
