/**
 * Decryption of the personal fields of intents for the participant's handler. The ingress publishes every personal
 * field encrypted under its data subject's key ({@link dev.parallelrun.events.personal.EncryptedValue}); the kit
 * fetches the key from the ingress's key service, keeps it in memory for a short time only (never on disk), and
 * hands the handler the intent with the plaintext. A subject that was erased (its key destroyed) reaches the handler
 * as {@value dev.parallelrun.participant.personaldata.PersonalDataDecryptor#ERASED}. See docs/personal-data.md.
 */
package dev.parallelrun.participant.personaldata;
