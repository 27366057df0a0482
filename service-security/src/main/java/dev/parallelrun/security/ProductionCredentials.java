package dev.parallelrun.security;

import java.util.List;
import java.util.Locale;
import org.springframework.core.env.Environment;

/**
 * Development credentials are accepted in the {@code local} profile only. Everywhere else a service refuses
 * to start, with a message that names the property, when a password is empty, stored as plain text
 * ({@code {noop}} or without an encoding prefix), or the database password is empty.
 */
public final class ProductionCredentials {

    /** The profile of the one-command local platform and of the tests that run like it. */
    public static final String LOCAL_PROFILE = "local";

    private ProductionCredentials() {
    }

    public static boolean isLocal(Environment environment) {
        return environment.matchesProfiles(LOCAL_PROFILE);
    }

    /**
     * Checks the settings every service shares: the database password (when a database is configured), the
     * metrics scraper's password and the users' passwords.
     *
     * @throws IllegalStateException naming the first offending property, outside the local profile
     */
    public static void check(Environment environment, ServiceSecurityProperties properties) {
        if (isLocal(environment)) {
            return;
        }
        if (environment.containsProperty("spring.datasource.url")) {
            String password = environment.getProperty("spring.datasource.password");
            if (password == null || password.isBlank()) {
                throw new IllegalStateException("The database password (spring.datasource.password, environment "
                        + "PARALLELRUN_DB_PASSWORD) is empty: refusing to start outside the 'local' profile.");
            }
        }
        requireEncodedPassword("parallelrun.security.metrics.password (environment PARALLELRUN_SECURITY_METRICS_PASSWORD)",
                properties.metrics().password());
        List<ServiceSecurityProperties.User> users = properties.users();
        for (int i = 0; i < users.size(); i++) {
            requireEncodedPassword("parallelrun.security.users[" + i + "].password", users.get(i).password());
        }
    }

    /**
     * A password a server compares against must be present and hashed: {@code {bcrypt}...}, {@code {argon2}...}
     * and the like, never {@code {noop}} or a bare value.
     *
     * @throws IllegalStateException naming the property otherwise
     */
    public static void requireEncodedPassword(String property, String encoded) {
        if (encoded == null || encoded.isBlank()) {
            throw new IllegalStateException(property + " is not set: refusing to start outside the 'local' profile. "
                    + "Set it to a hashed password, e.g. {bcrypt}$2a$10$... (spring encodepassword 'secret', or "
                    + "htpasswd -bnBC 10 \"\" secret | tr -d ':\\n' with the prefix {bcrypt}).");
        }
        String lower = encoded.trim().toLowerCase(Locale.ROOT);
        if (lower.startsWith("{noop}") || !lower.matches("^\\{[a-z0-9@.-]+}.+")) {
            throw new IllegalStateException(property + " is a plain-text password ({noop} or no {encoding} prefix): "
                    + "refusing to start outside the 'local' profile. Use a hashed one, e.g. {bcrypt}$2a$10$...");
        }
    }
}
