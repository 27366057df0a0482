/**
 * The decisions in force and the attributes of an intent a decision's cohorts are matched against; plain Java. The
 * rule itself ({@code AuthorityDecided.sideFor}) lives once, in shared-events.
 */
package dev.parallelrun.ingress.authority.domain;
