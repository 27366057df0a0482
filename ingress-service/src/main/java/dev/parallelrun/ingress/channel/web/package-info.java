/** Authenticating channels over HTTP: the {@code X-Api-Key} filter and the 401/403 problem answers. */
package dev.parallelrun.ingress.channel.web;
