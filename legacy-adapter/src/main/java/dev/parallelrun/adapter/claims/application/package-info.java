/**
 * Deciding one claim intent on the legacy side: translate it, call the legacy platform (recording the attempt and its
 * request key first), translate the answer into canonical outcomes. Idempotency, the side-effect gate, publishing and
 * dead-lettering are the participant kit's ({@code dev.parallelrun.participant}, docs/participant-kit.md). The ports to
 * the legacy platform and to the attempt log are implemented by the {@code legacy} and {@code persistence} packages.
 */
package dev.parallelrun.adapter.claims.application;
