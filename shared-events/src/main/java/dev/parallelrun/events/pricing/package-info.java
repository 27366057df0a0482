/**
 * The second bounded context's wire contracts: premium quotes. Two quotes are equivalent when they agree on the
 * gross amount, the discount reasons, the tax basis and the promotion set.
 */
package dev.parallelrun.events.pricing;
