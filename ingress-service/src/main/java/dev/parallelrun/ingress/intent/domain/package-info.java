/**
 * The rules of accepting an intent, free of Spring and Kafka: the registry of intent types made from their
 * JSON Schemas (draft 2020-12, validated with every violation reported as a JSON pointer, personal fields
 * marked), the request fingerprint that idempotent retries are compared by, and how event and correlation
 * ids are made.
 */
package dev.parallelrun.ingress.intent.domain;
