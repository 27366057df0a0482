/** The reconciliation verdict contract: classification, severity, field differences. */
package dev.parallelrun.events.verdict;
