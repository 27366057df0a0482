/**
 * Security plumbing every service shares, so that it is written (and reviewed) once: the metrics scraper's
 * credential on {@code /actuator/**} ({@link dev.parallelrun.security.ServiceSecurityAutoConfiguration}),
 * refusing development credentials outside the local profile ({@link dev.parallelrun.security.ProductionCredentials}),
 * throttling failed authentication per client before any password is hashed
 * ({@link dev.parallelrun.security.FailedAuthenticationThrottle}), caching successful credential checks
 * ({@link dev.parallelrun.security.CachingAuthenticationProvider}), per-client rate limits
 * ({@link dev.parallelrun.security.ClientRateLimiter}) and problem details for requests Tomcat rejects before
 * Spring sees them ({@link dev.parallelrun.security.ProblemErrorReportValve}). Each service still declares who
 * may call its own API, in a security configuration of its own.
 */
package dev.parallelrun.security;
