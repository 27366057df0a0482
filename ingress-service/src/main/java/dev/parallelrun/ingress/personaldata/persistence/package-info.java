/** The data subjects' keys in the ingress's PostgreSQL schema (table {@code subject_key}, migration V4). */
package dev.parallelrun.ingress.personaldata.persistence;
