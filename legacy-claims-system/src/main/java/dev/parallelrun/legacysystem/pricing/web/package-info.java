/**
 * The legacy pricing wire format over HTTP: {@code POST /legacy/pricing/quote} and the admin endpoint tests use.
 * Unlike the older claims transaction, which answers its validation errors with {@code 200} and a status code, the
 * pricing transaction sits behind the platform's validating gateway: an unreadable body answers {@code 400}, a request
 * it cannot price as sent {@code 422}, both as RFC 9457 problem details.
 */
package dev.parallelrun.legacysystem.pricing.web;
