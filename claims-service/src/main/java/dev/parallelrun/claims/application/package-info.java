/**
 * Use cases of the claims service: decide a submitted claim exactly once (idempotent by intent id), pass
 * its side effects through the {@link dev.parallelrun.claims.application.SideEffectGate}, and publish
 * its outcomes only after they are durable. Defines the ports the persistence and messaging adapters
 * implement.
 */
package dev.parallelrun.claims.application;
