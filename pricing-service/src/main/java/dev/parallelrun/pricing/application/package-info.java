/**
 * The pricing service's one handler: price a requested quote, answer its {@code PremiumQuoted} outcome and the side
 * effect it asks for. Idempotency, the side-effect gate, publishing and dead-lettering are the participant kit's
 * ({@code dev.parallelrun.participant}).
 */
package dev.parallelrun.pricing.application;
