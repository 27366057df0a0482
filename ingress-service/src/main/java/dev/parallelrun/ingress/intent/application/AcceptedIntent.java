package dev.parallelrun.ingress.intent.application;

/**
 * An intent that is durable on the broker.
 *
 * @param type     the CloudEvents type it was published as
 * @param replayed whether this answers a retry of an earlier request, without publishing again
 */
public record AcceptedIntent(String correlationId, String eventId, String type, boolean replayed) {
}
