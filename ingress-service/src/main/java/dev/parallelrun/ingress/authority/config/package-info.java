/** Wires authority stamping: the decisions in force, their reader and the readiness check on it. */
package dev.parallelrun.ingress.authority.config;
