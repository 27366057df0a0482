/** Channel configuration and the security filter chain. */
package dev.parallelrun.ingress.channel.config;
