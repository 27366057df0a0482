/** The legacy wire format over HTTP: {@code POST /legacy/claims/process} and the admin endpoint tests use. */
package dev.parallelrun.legacysystem.claims.web;
