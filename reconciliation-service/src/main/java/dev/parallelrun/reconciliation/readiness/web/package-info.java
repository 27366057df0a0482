/** The readiness endpoint, for auditors, operators and admins alike: the evidence a promotion would be judged on. */
package dev.parallelrun.reconciliation.readiness.web;
