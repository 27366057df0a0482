/**
 * The witnesses of real side effects over HTTP: {@code GET /legacy/postings} and {@code GET /legacy/letters}, for the
 * end-to-end tests and demos that must prove a posting happened once, on the side the authority stamp names. Behind
 * the platform's client credential like every {@code /legacy/**} path.
 */
package dev.parallelrun.legacysystem.posting.web;
