/**
 * Wire contracts shared by every service of the parallel run platform: the CloudEvents envelope,
 * attribute and header names, the topic registry and the JSON serde. No Spring, no domain logic.
 */
package dev.parallelrun.events;
