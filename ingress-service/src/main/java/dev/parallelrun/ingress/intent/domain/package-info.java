/**
 * The rules of accepting an intent, free of Spring, Kafka and any library: the request fingerprint that idempotent
 * retries are compared by, and how event and correlation ids are made. The intent types themselves are data, read
 * by {@code intent.schema}.
 */
package dev.parallelrun.ingress.intent.domain;
