/**
 * Comparison rules: the rules and the comparator catalog ({@code domain}), the YAML file format they are
 * written in ({@code yaml}, an adapter), the rule sets stored immutably ({@code persistence}) and served
 * ({@code web}).
 */
package dev.parallelrun.reconciliation.rules;
