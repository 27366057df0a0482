/** Processing a legacy request end to end: idempotency on REQ_KEY, the quirks, the answer's timing. */
package dev.parallelrun.legacysystem.claims.application;
