/** The rule sets in force and every stored one, served to auditors. */
package dev.parallelrun.reconciliation.rules.web;
