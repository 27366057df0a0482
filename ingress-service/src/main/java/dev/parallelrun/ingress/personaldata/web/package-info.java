/**
 * The data-subject API: admins find a person's subject ref and erase it
 * ({@code POST /api/v1/data-subjects/lookup}, {@code DELETE /api/v1/data-subjects/{subjectRef}}); participants read
 * a subject's key to decrypt intents ({@code GET /api/v1/data-subjects/{subjectRef}/key}). The ref is all that is
 * ever in a path or a log line; the person's identity travels only in the lookup's body.
 */
package dev.parallelrun.ingress.personaldata.web;
