/** {@code /api/v1/replays/**} and {@code /api/v1/noise-runs/**}: admins request and cancel, everyone with a role reads. */
package dev.parallelrun.reconciliation.replay.web;
