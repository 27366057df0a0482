/** Publishing intents to Kafka ({@code intents.<context>.v1}, keyed by correlation id) and declaring their topics. */
package dev.parallelrun.ingress.intent.messaging;
