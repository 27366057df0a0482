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
        Optional<Channel> channel = directory.authenticate(key);
        Optional<Channel> admin = admins.authenticate(key);
        Optional<Channel> participant = participants.authenticate(key);
        if (channel.isEmpty() && admin.isEmpty() && participant.isEmpty()) {
            contexts.clearContext();
            entryPoint.commence(request, response, new BadCredentialsException("unknown API key"));
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        if (channel.isPresent()) {
            context.setAuthentication(new ChannelAuthentication(channel.get()));
        } else if (admin.isPresent()) {
            context.setAuthentication(new AdminAuthentication(admin.get().name()));
        } else {
            context.setAuthentication(new ParticipantAuthentication(participant.get().name()));
        }
        contexts.setContext(context);
        chain.doFilter(request, response);
    }
}
