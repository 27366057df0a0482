/**
 * The claims decision rules of the new service (docs/claims-domain.md, the shadow side): fraud risk
 * assessment and payment decision. Pure Java: no Spring, no Kafka, no wire contracts; the
 * {@code application} package maps between these types and the canonical events.
 */
package dev.parallelrun.claims.domain;
