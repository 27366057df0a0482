package dev.parallelrun.ingress.channel.config;

import dev.parallelrun.ingress.channel.domain.Channel;
import dev.parallelrun.ingress.channel.domain.ChannelDirectory;
import dev.parallelrun.ingress.channel.web.ApiKeyAuthenticationFilter;
import dev.parallelrun.ingress.channel.web.ChannelRateLimitFilter;
import dev.parallelrun.ingress.channel.web.ChannelAuthentication;
import dev.parallelrun.ingress.channel.web.ProblemAccessDeniedHandler;
import dev.parallelrun.ingress.channel.web.ProblemAuthenticationEntryPoint;
import dev.parallelrun.ingress.channel.web.ServiceKeyAuthentication;
import dev.parallelrun.ingress.config.IngressProperties;
import dev.parallelrun.security.ClientRateLimiter;
import dev.parallelrun.security.ProductionCredentials;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Who may call the ingress: channels with an API key on {@code /api/v1/intents/**} (posting intents and reading
 * their schemas), each within its rate ({@code ingress.rate-limit}); admins ({@code ingress.admins}, an API key
 * too) on the admin API {@code /api/v1/sampling/**} and {@code /api/v1/data-subjects/**}; participants
 * ({@code ingress.participants}) on the key service {@code GET /api/v1/data-subjects/{subjectRef}/key}; nobody
 * elsewhere. {@code /actuator/**} is the shared service-security chain's:
 * health for anyone, the rest for the metrics scraper. Outside the local profile a plain-text API key
 * ({@code api-key}) is refused: only its SHA-256 may be configured. Stateless, no sessions, no CSRF (no cookies are
 * involved), no login forms.
 */
@Configuration(proxyBeanMethods = false)
class ChannelSecurityConfiguration {

    /**
     * The channels from {@code ingress.channels}. Without any the service refuses to start: an ingress
     * nobody can call is a misconfiguration, and there are no built-in credentials outside the local
     * profile.
     */
    @Bean
    ChannelDirectory channelDirectory(IngressProperties properties, Environment environment) {
        List<IngressProperties.ChannelCredentials> channels = properties.channels();
        if (channels.isEmpty()) {
            throw new IllegalStateException("""
                    No channel is configured, so no one could post intents: refusing to start. \
                    Configure at least one channel with its API key, e.g. ingress.channels[0].name=web-portal and \
                    ingress.channels[0].api-key-sha256=<hex SHA-256 of the key> (environment: INGRESS_CHANNELS_0_NAME, \
                    INGRESS_CHANNELS_0_APIKEYSHA256). The 'local' profile configures channel 'local-dev' with the \
                    key 'local-dev-key'.""");
        }
        if (!ProductionCredentials.isLocal(environment)) {
            for (IngressProperties.ChannelCredentials channel : channels) {
                if (channel.apiKey() != null && !channel.apiKey().isBlank()) {
                    throw new IllegalStateException("Channel " + channel.name() + " has a plain-text API key "
                            + "(ingress.channels[].api-key): refusing to start outside the 'local' profile. Configure "
                            + "ingress.channels[].api-key-sha256 (the hex SHA-256 of the key) instead.");
                }
            }
        }
        return ChannelDirectory.of(channels.stream().map(ChannelSecurityConfiguration::credential).toList());
    }

    /**
     * The admins from {@code ingress.admins}, configured like channels (plain-text keys in the local profile only).
     * None is fine: then nobody may change the sampling rates or erase data subjects.
     */
    @Bean
    AdminDirectory adminDirectory(IngressProperties properties, Environment environment, ChannelDirectory channels) {
        ChannelDirectory directory = serviceDirectory("admins", properties.admins(), environment);
        if (directory.sharesAKeyWith(channels)) {
            throw new IllegalStateException("An admin has the same API key as a channel: give admins keys of their own");
        }
        return new AdminDirectory(directory);
    }

    /**
     * The participants from {@code ingress.participants} (the services that decrypt intents and so read data
     * subjects' keys), configured like channels. None is fine: then nobody may read a key.
     */
    @Bean
    ParticipantDirectory participantDirectory(IngressProperties properties, Environment environment,
            ChannelDirectory channels, AdminDirectory admins) {
        ChannelDirectory directory = serviceDirectory("participants", properties.participants(), environment);
        if (directory.sharesAKeyWith(channels) || directory.sharesAKeyWith(admins.keys())) {
            throw new IllegalStateException("A participant has the same API key as a channel or an admin: give "
                    + "participants keys of their own");
        }
        return new ParticipantDirectory(directory);
    }

    private static ChannelDirectory serviceDirectory(String property, List<IngressProperties.ChannelCredentials> entries,
            Environment environment) {
        if (!ProductionCredentials.isLocal(environment)) {
            for (IngressProperties.ChannelCredentials entry : entries) {
                if (entry.apiKey() != null && !entry.apiKey().isBlank()) {
                    throw new IllegalStateException(entry.name() + " has a plain-text API key (ingress." + property
                            + "[].api-key): refusing to start outside the 'local' profile. Configure ingress."
                            + property + "[].api-key-sha256 (the hex SHA-256 of the key) instead.");
                }
            }
        }
        return ChannelDirectory.ofAny(entries.stream().map(ChannelSecurityConfiguration::credential).toList());
    }

    /** The admins' keys, a bean type of its own so that it is never mistaken for the channels'. */
    record AdminDirectory(ChannelDirectory keys) {
    }

    /** The participants' keys, a bean type of its own so that it is never mistaken for the channels'. */
    record ParticipantDirectory(ChannelDirectory keys) {
    }

    private static ChannelDirectory.Credential credential(IngressProperties.ChannelCredentials configured) {
        String name = configured.name();
        boolean plain = configured.apiKey() != null && !configured.apiKey().isBlank();
        boolean hashed = configured.apiKeySha256() != null && !configured.apiKeySha256().isBlank();
        if (plain == hashed) {
            throw new IllegalStateException("channel " + name
                    + " needs exactly one of ingress.channels[].api-key and ingress.channels[].api-key-sha256");
        }
        byte[] hash;
        if (plain) {
            hash = ChannelDirectory.sha256(configured.apiKey());
        } else {
            try {
                hash = HexFormat.of().parseHex(configured.apiKeySha256().trim().toLowerCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("the api-key-sha256 of channel " + name + " is not hexadecimal", e);
            }
        }
        return new ChannelDirectory.Credential(new Channel(name, new HashSet<>(configured.allowedIntents())), hash);
    }

    @Bean
    SecurityFilterChain ingressSecurity(HttpSecurity http, ChannelDirectory directory, AdminDirectory admins,
            ParticipantDirectory participants, IngressProperties properties) throws Exception {
        IngressProperties.RateLimit rate = properties.rateLimit();
        ClientRateLimiter perChannel = new ClientRateLimiter(rate.burst(),
                Duration.ofSeconds(1).multipliedBy(rate.burst()).dividedBy(rate.requestsPerSecond()), 10_000);
        ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint();
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ApiKeyAuthenticationFilter(directory, admins.keys(), participants.keys(),
                        entryPoint),
                        AnonymousAuthenticationFilter.class)
                .addFilterAfter(new ChannelRateLimitFilter(perChannel), ApiKeyAuthenticationFilter.class)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(new ProblemAccessDeniedHandler()))
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/api/v1/intents/**").hasRole(ChannelAuthentication.ROLE)
                        .requestMatchers("/api/v1/sampling", "/api/v1/sampling/**").hasRole(ServiceKeyAuthentication.ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/data-subjects/*/key")
                        .hasRole(ServiceKeyAuthentication.PARTICIPANT)
                        .requestMatchers("/api/v1/data-subjects/**").hasRole(ServiceKeyAuthentication.ADMIN)
                        .anyRequest().denyAll());
        return http.build();
    }
}
