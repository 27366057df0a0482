package dev.parallelrun.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Security settings every service shares, prefix {@code parallelrun.security}.
 *
 * @param metrics              the scraper's credential for {@code /actuator/**} (all but health)
 * @param users                further HTTP Basic users of the service's own API, if it has them
 * @param failedAuthentication how many failed authentications a client (IP address) may cause before it is
 *                             refused with 429 without any credential check
 * @param credentialCache      how long a successful credential check is remembered, so that a client that
 *                             authenticates on every request does not cost a password hash each time
 */
@ConfigurationProperties("parallelrun.security")
public record ServiceSecurityProperties(
        @DefaultValue Metrics metrics,
        @DefaultValue List<User> users,
        @DefaultValue FailedAuthentication failedAuthentication,
        @DefaultValue CredentialCache credentialCache) {

    /** The role of the metrics scraper (Prometheus). */
    public static final String METRICS_ROLE = "METRICS";

    /**
     * @param password in Spring Security's encoded form, e.g. {@code {bcrypt}$2a$10$...}; required outside the
     *                 local profile (environment {@code PARALLELRUN_SECURITY_METRICS_PASSWORD})
     */
    public record Metrics(@DefaultValue("metrics") String username, String password) {

        @Override
        public String toString() {
            return "Metrics[username=" + username + ", password=" + (password == null ? "none" : "******") + "]";
        }
    }

    /** @param password in Spring Security's encoded form */
    public record User(String name, String password, @DefaultValue List<String> roles) {

        @Override
        public String toString() {
            return "User[name=" + name + ", password=" + (password == null ? "none" : "******") + ", roles=" + roles + "]";
        }
    }

    /** @param perMinute failed authentications per client IP address and minute (also the burst) */
    public record FailedAuthentication(@DefaultValue("20") int perMinute) {
    }

    /** @param ttl how long a successful check is remembered; {@code 0} turns the cache off */
    public record CredentialCache(@DefaultValue("5m") Duration ttl, @DefaultValue("10000") int maxEntries) {
    }
}
