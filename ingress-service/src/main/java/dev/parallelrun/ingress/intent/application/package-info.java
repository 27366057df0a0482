/**
 * Accepting an intent: the use case ({@link dev.parallelrun.ingress.intent.application.IntentIntake}),
 * its ports to the broker and to idempotency storage, its failures and its metrics.
 */
package dev.parallelrun.ingress.intent.application;
