/**
 * The rules of accepting an intent, free of Spring and Kafka: the registry of intent types, their
 * schemas (hand-written validators reporting every violation with a JSON pointer), the request
 * fingerprint that idempotent retries are compared by, and how event and correlation ids are made.
 */
package dev.parallelrun.ingress.intent.domain;
