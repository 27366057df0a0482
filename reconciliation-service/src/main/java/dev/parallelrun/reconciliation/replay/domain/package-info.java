/** The rules of a replay: what a request may ask for, the ids of replayed intents, the noise sample. */
package dev.parallelrun.reconciliation.replay.domain;
