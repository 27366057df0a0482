package dev.parallelrun.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

class CachingAuthenticationProviderTest {

    private final AtomicInteger checks = new AtomicInteger();
    private final AuthenticationProvider slowHash = new AuthenticationProvider() {
        @Override
        public Authentication authenticate(Authentication authentication) {
            checks.incrementAndGet();
            if (!"right".equals(authentication.getCredentials())) {
                throw new BadCredentialsException("bad credentials");
            }
            return UsernamePasswordAuthenticationToken.authenticated(authentication.getName(), null,
                    List.of(new SimpleGrantedAuthority("ROLE_METRICS")));
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return true;
        }
    };

    @Test
    void checksAValidPasswordOncePerTtl() {
        MutableClock clock = new MutableClock();
        var provider = new CachingAuthenticationProvider(slowHash, Duration.ofMinutes(5), 100, clock);

        provider.authenticate(token("metrics", "right"));
        provider.authenticate(token("metrics", "right"));
        assertThat(checks).hasValue(1);

        clock.now = clock.now.plus(Duration.ofMinutes(6));
        provider.authenticate(token("metrics", "right"));
        assertThat(checks).hasValue(2);
    }

    @Test
    void neverCachesAFailureNorLetsAnotherPasswordRideOnASuccess() {
        var provider = new CachingAuthenticationProvider(slowHash, Duration.ofMinutes(5), 100, new MutableClock());
        provider.authenticate(token("metrics", "right"));

        assertThatThrownBy(() -> provider.authenticate(token("metrics", "wrong"))).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> provider.authenticate(token("metrics", "wrong"))).isInstanceOf(BadCredentialsException.class);
        assertThat(checks).hasValue(3);
    }

    private static UsernamePasswordAuthenticationToken token(String name, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(name, password);
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-02T09:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
