package dev.parallelrun.ingress.channel.web;

import dev.parallelrun.events.Headers;
import dev.parallelrun.ingress.channel.domain.Channel;
import dev.parallelrun.ingress.channel.domain.ChannelDirectory;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a channel, an admin or a participant by its {@code X-Api-Key} header (their keys never
 * coincide, the configuration refuses it). An unknown key is answered with 401 at once;
 * a missing key leaves the request anonymous, and the authorization rules answer 401 where a channel
 * is required.
 */
public final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private final ChannelDirectory directory;
    private final ChannelDirectory admins;
    private final ChannelDirectory participants;
    private final AuthenticationEntryPoint entryPoint;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    /**
     * @param admins       the admins' keys, held like channels' (an admin's "channel" is only its name)
     * @param participants the participants' keys, held alike
     */
    public ApiKeyAuthenticationFilter(ChannelDirectory directory, ChannelDirectory admins, ChannelDirectory participants,
            AuthenticationEntryPoint entryPoint) {
        this.directory = directory;
        this.admins = admins;
        this.participants = participants;
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(Headers.API_KEY);
        if (key == null) {
            chain.doFilter(request, response);
            return;
        }
        // keys are distinct across the three directories (checked at start-up): the first that knows the key decides
        Optional<AbstractAuthenticationToken> authentication = directory.authenticate(key)
                .<AbstractAuthenticationToken>map(ChannelAuthentication::new)
                .or(() -> admins.authenticate(key).map(admin -> ServiceKeyAuthentication.admin(admin.name())))
                .or(() -> participants.authenticate(key)
                        .map(participant -> ServiceKeyAuthentication.participant(participant.name())));
        if (authentication.isEmpty()) {
            contexts.clearContext();
            entryPoint.commence(request, response, new BadCredentialsException("unknown API key"));
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(authentication.get());
        contexts.setContext(context);
        chain.doFilter(request, response);
    }
}
