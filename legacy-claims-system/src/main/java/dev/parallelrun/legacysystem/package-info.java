/** The legacy claims platform stand-in: answers claims in the old wire format, quirks included. */
package dev.parallelrun.legacysystem;
