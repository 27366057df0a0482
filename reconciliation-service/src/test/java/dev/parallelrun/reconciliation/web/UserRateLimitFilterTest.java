package dev.parallelrun.reconciliation.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.security.ClientRateLimiter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

class UserRateLimitFilterTest {

    private final UserRateLimitFilter filter = new UserRateLimitFilter(new ClientRateLimiter(1, Duration.ofSeconds(5), 100));

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void answers429WithRetryAfterOnceAUserIsOverItsRateWhileOtherUsersGoOn() throws Exception {
        assertThat(get("auditor").getStatus()).isEqualTo(200);

        MockHttpServletResponse limited = get("auditor");

        assertThat(limited.getStatus()).isEqualTo(429);
        assertThat(limited.getContentType()).startsWith("application/problem+json");
        assertThat(limited.getHeader("Retry-After")).isNotNull();
        assertThat(get("operator").getStatus()).isEqualTo(200);
    }

    private MockHttpServletResponse get(String user) throws Exception {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null,
                List.of(new SimpleGrantedAuthority("ROLE_AUDITOR"))));
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("GET", "/api/v1/reconciliations"), response, new MockFilterChain());
        return response;
    }
}
