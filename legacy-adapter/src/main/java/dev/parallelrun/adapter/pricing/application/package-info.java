/**
 * Deciding one pricing intent on the legacy side: translate it, call the legacy pricing platform, translate the answer
 * into the canonical {@code PremiumQuoted} outcome. Shaped like claims' {@code application}, without the attempt log
 * (see {@link dev.parallelrun.adapter.pricing.application.QuoteIntentHandler} for why). Idempotency, the side-effect
 * gate, publishing and dead-lettering are the participant kit's; the port to legacy is implemented by {@code legacy}.
 */
package dev.parallelrun.adapter.pricing.application;
