/** The legacy platform stand-in: answers claims and quote requests in the old wire format, quirks included. */
package dev.parallelrun.legacysystem;
