/** The service's configuration: its properties record and the wiring of the framework-free domain. */
package dev.parallelrun.claims.config;
