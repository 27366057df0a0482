/** Processing a legacy quote request end to end: the shared quirks, validation, idempotency on REQ_KEY, timing. */
package dev.parallelrun.legacysystem.pricing.application;
