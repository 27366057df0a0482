/**
 * The pricing service: the new premium model (docs/pricing-domain.md), a shadow participant of the {@code pricing}
 * context built on the participant kit. It holds its domain and one intent handler; consuming, idempotency, the
 * side-effect gate, publishing and dead-lettering are the kit's.
 */
package dev.parallelrun.pricing;
