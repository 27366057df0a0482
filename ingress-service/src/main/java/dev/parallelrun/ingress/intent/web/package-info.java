/** The HTTP API of intents: {@code POST /api/v1/intents/{intentType}}, its problem answers and rejection metrics. */
package dev.parallelrun.ingress.intent.web;
