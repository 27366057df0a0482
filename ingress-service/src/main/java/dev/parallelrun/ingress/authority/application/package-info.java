/**
 * Stamping intents with the authority decisions read so far, and refusing to stamp before the decisions that were on
 * the topic at start-up have all been read.
 */
package dev.parallelrun.ingress.authority.application;
