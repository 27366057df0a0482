/** Reading {@code authority.decisions.v1}: every instance reads every decision, from the beginning, without a group. */
package dev.parallelrun.ingress.authority.messaging;
