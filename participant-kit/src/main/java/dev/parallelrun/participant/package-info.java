/**
 * The participant kit: what every participant of the parallel run (the legacy adapter, each shadow service) is built
 * on, as Spring Boot auto-configuration ({@link ParticipantAutoConfiguration}). A participant writes one
 * {@link IntentHandler} (an intent in, outcomes and side-effect requests out) and gets from here the intent listener
 * with retry and dead-lettering, idempotency, the authority-aware {@link SideEffectGate}, sampling, outcome publishing,
 * retention and uniform metrics. See {@code docs/participant-kit.md}.
 */
package dev.parallelrun.participant;
