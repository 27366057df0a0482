/** Channel systems and their API keys: who may post intents, held as key hashes, compared in constant time. */
package dev.parallelrun.ingress.channel.domain;
