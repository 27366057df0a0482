/**
 * The web console at {@code /console/}: a small static application (HTML, CSS and JavaScript modules, no build step)
 * for people who would rather look than read JSON. It holds no data and no authority of its own: every figure it shows
 * comes from the same JSON API, called with the person's own credentials, so it can show or do nothing the API would
 * not let that person see or do. {@code GET /api/v1/me} tells it whose credentials they are and which roles they
 * carry, so that it offers only the controls those roles allow.
 */
package dev.parallelrun.reconciliation.console;
