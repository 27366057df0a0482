/**
 * Crypto-shredding of the personal data in intents: every field an intent schema marks
 * {@code "x-personal-data": true} is published encrypted under a key of its data subject, kept in the
 * ingress's database; destroying that key ({@code DELETE /api/v1/data-subjects/{subjectRef}}) erases the data
 * wherever it was copied (topics, dead-letter topics, Streams changelogs). See {@code docs/personal-data.md}.
 */
package dev.parallelrun.ingress.personaldata;
