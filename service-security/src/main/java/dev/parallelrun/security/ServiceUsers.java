package dev.parallelrun.security;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The HTTP Basic users from {@code parallelrun.security}: the metrics scraper (role {@code METRICS}) when
 * its password is configured, and the service's further users. Their {@link #authenticationManager()}
 * checks passwords with Spring Security's delegating encoder and remembers successful checks.
 */
public final class ServiceUsers {

    private final List<UserDetails> users;
    private final AuthenticationManager authenticationManager;

    public ServiceUsers(ServiceSecurityProperties properties, Clock clock) {
        this.users = new ArrayList<>();
        ServiceSecurityProperties.Metrics metrics = properties.metrics();
        if (metrics.password() != null && !metrics.password().isBlank()) {
            users.add(User.withUsername(metrics.username()).password(metrics.password())
                    .roles(ServiceSecurityProperties.METRICS_ROLE).build());
        }
        for (ServiceSecurityProperties.User user : properties.users()) {
            if (user.name() == null || user.password() == null || user.roles().isEmpty()) {
                throw new IllegalStateException("parallelrun.security.users: every user needs a name, a password "
                        + "and at least one role: " + user);
            }
            users.add(User.withUsername(user.name()).password(user.password())
                    .roles(user.roles().toArray(String[]::new)).build());
        }
        this.authenticationManager = cachingManager(new InMemoryUserDetailsManager(users), properties, clock);
    }

    /** An authentication manager for any user store, with the same encoder and cache as the service's users. */
    public static AuthenticationManager cachingManager(UserDetailsService userDetails,
            ServiceSecurityProperties properties, Clock clock) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(userDetails);
        passwords.setPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder());
        ServiceSecurityProperties.CredentialCache cache = properties.credentialCache();
        return new ProviderManager(new CachingAuthenticationProvider(passwords, cache.ttl(), cache.maxEntries(), clock));
    }

    public AuthenticationManager authenticationManager() {
        return authenticationManager;
    }

    public boolean isEmpty() {
        return users.isEmpty();
    }
}
