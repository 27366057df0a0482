/** The legacy adapter: the anti-corruption layer between the canonical intents and the legacy platform. */
package dev.parallelrun.adapter;
