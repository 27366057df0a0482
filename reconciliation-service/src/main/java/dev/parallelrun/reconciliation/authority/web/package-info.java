/**
 * The authority API: admins post decisions; auditors, operators and admins read the current stages, each context's
 * append-only history and who was authoritative at any instant ({@code resolve}).
 */
package dev.parallelrun.reconciliation.authority.web;
