/** The admin API of sampling ({@code /api/v1/sampling}): read and set the share of intents the new service processes. */
package dev.parallelrun.ingress.sampling.web;
