/**
 * The claims service's one handler: decide a submitted claim, answer its outcomes and the side effects it asks for.
 * Idempotency, the side-effect gate, publishing and dead-lettering are the participant kit's
 * ({@code dev.parallelrun.participant}, docs/participant-kit.md).
 */
package dev.parallelrun.claims.application;
