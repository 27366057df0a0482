/** HTTP concerns shared by the features: the problem kinds (RFC 9457) and writing them from filters. */
package dev.parallelrun.ingress.web;
