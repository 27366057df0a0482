package dev.parallelrun.ingress.intent.application;

import dev.parallelrun.events.IntentType;

/** Whether the new service processes an intent: the parallel run's sample, decided by correlation id. */
@FunctionalInterface
public interface IntentSampling {

    /** Every intent is in the sample. */
    IntentSampling ALL = (type, correlationId) -> true;

    boolean inSample(IntentType type, String correlationId);
}
