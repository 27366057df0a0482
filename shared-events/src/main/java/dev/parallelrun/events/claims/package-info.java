/** The reference domain's wire contracts: insurance claims. */
package dev.parallelrun.events.claims;
