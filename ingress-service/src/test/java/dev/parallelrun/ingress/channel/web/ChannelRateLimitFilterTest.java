package dev.parallelrun.ingress.channel.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.ingress.channel.domain.Channel;
import dev.parallelrun.security.ClientRateLimiter;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;

class ChannelRateLimitFilterTest {

    private final ChannelRateLimitFilter filter = new ChannelRateLimitFilter(
            new ClientRateLimiter(2, Duration.ofSeconds(10), 100));

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void answers429WithRetryAfterOnceAChannelIsOverItsRateWhileOtherChannelsGoOn() throws Exception {
        assertThat(post("web-portal").getStatus()).isEqualTo(200);
        assertThat(post("web-portal").getStatus()).isEqualTo(200);

        MockHttpServletResponse limited = post("web-portal");

        assertThat(limited.getStatus()).isEqualTo(429);
        assertThat(limited.getContentType()).startsWith("application/problem+json");
        assertThat(limited.getContentAsString()).contains("urn:parallelrun:problem:too-many-requests");
        assertThat(Long.parseLong(limited.getHeader("Retry-After"))).isBetween(1L, 10L);
        assertThat(post("call-centre").getStatus()).isEqualTo(200);
    }

    private MockHttpServletResponse post(String channel) throws Exception {
        SecurityContextHolder.getContext().setAuthentication(new ChannelAuthentication(new Channel(channel, Set.of())));
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/intents/ClaimSubmitted");
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }
}
