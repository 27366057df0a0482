package dev.parallelrun.adapter.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the adapter authenticates to the legacy platform (HTTP Basic), prefix {@code legacy-adapter.legacy-client}.
 * The password is the adapter's secret (from the environment), never a default outside the local profile.
 */
@ConfigurationProperties("legacy-adapter.legacy-client")
public record LegacyClientCredentials(String username, String password) {

    @Override
    public String toString() {
        return "LegacyClientCredentials[username=" + username + ", password=" + (password == null ? "none" : "******") + "]";
    }
}
