/** Taking authority decisions, publishing them in order, and answering who was authoritative when. */
package dev.parallelrun.reconciliation.authority.application;
