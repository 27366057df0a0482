/**
 * The pricing rules of the new service (docs/pricing-domain.md, the shadow side): the tariff per line of business
 * and country, segment factors, option surcharges, discounts, insurance tax and the promotions a quote earns. Pure
 * Java with exact decimals: no Spring, no Kafka, no wire contracts; the {@code application} package maps between
 * these types and the canonical events.
 */
package dev.parallelrun.pricing.domain;
