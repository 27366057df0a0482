/** Configuration of the adapter: its properties record, topics, producer, error handling, the legacy client. */
package dev.parallelrun.adapter.config;
