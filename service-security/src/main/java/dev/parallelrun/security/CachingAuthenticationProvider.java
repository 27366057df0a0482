package dev.parallelrun.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Remembers successful username/password checks for a while, keyed by a SHA-256 of the pair (never the
 * password itself), so that a client sending HTTP Basic on every request costs one slow password hash per
 * {@code ttl}, not one per request. Failures are never cached: they go to the delegate (and count against
 * the client in {@link FailedAuthenticationThrottle}).
 */
public final class CachingAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider delegate;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Cached> cache;

    public CachingAuthenticationProvider(AuthenticationProvider delegate, Duration ttl, int maxEntries, Clock clock) {
        this.delegate = delegate;
        this.ttl = ttl;
        this.clock = clock;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                return size() > maxEntries;
            }
        };
    }

    private record Cached(Authentication result, Instant expires) {
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        if (ttl.isZero() || !(authentication.getCredentials() instanceof String password)) {
            return delegate.authenticate(authentication);
        }
        String key = key(authentication.getName(), password);
        Instant now = clock.instant();
        synchronized (cache) {
            Cached cached = cache.get(key);
            if (cached != null && now.isBefore(cached.expires())) {
                return cached.result();
            }
        }
        Authentication result = delegate.authenticate(authentication);
        if (result != null && result.isAuthenticated()) {
            synchronized (cache) {
                cache.put(key, new Cached(result, now.plus(ttl)));
            }
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication) && delegate.supports(authentication);
    }

    private static String key(String username, String password) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(username.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
