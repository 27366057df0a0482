/** Test fixtures shared by the modules' integration tests: real PostgreSQL databases, one per test class. */
package dev.parallelrun.testsupport;
