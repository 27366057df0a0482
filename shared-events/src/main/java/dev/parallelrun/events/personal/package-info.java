/**
 * The wire form of personal data on the platform's topics: a personal field of an intent is published
 * encrypted under its data subject's key ({@link dev.parallelrun.events.personal.EncryptedValue}), so that
 * destroying the key (crypto-shredding) erases the value wherever it was copied. The ingress encrypts, the
 * participants decrypt; both use this one format. Plain Java: the JDK's {@code javax.crypto} only.
 */
package dev.parallelrun.events.personal;
