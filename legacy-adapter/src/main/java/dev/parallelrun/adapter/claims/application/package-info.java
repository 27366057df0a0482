/**
 * Processing one claim intent on the legacy side, idempotently: an intent processed before gets its
 * stored outcomes re-published, never a second legacy call. The ports to the legacy platform, the
 * store and the outcome topic are interfaces implemented by the {@code legacy}, {@code persistence}
 * and {@code messaging} packages.
 */
package dev.parallelrun.adapter.claims.application;
