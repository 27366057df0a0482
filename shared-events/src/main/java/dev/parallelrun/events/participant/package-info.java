/** The small client library participants (legacy adapter, shadow services) use to read intents and publish outcomes. */
package dev.parallelrun.events.participant;
