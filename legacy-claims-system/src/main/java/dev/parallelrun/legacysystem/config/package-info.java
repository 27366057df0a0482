/** Configuration of the legacy stand-in: its properties record and the wiring of its domain. */
package dev.parallelrun.legacysystem.config;
