/** What ops watch besides verdicts: business metrics of the parallel run ({@code metrics}) and Kafka lag ({@code lag}). */
package dev.parallelrun.reconciliation.ops;
