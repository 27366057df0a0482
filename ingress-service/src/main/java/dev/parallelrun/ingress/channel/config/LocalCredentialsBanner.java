package dev.parallelrun.ingress.channel.config;

import dev.parallelrun.events.Headers;
import dev.parallelrun.ingress.config.IngressProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** In the local profile only: prints the channels' and admins' API keys, so a developer can call the ingress at once. */
@Component
@Profile("local")
class LocalCredentialsBanner {

    private static final Logger log = LoggerFactory.getLogger(LocalCredentialsBanner.class);

    private final IngressProperties properties;

    LocalCredentialsBanner(IngressProperties properties) {
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void print() {
        for (IngressProperties.ChannelCredentials channel : properties.channels()) {
            if (channel.apiKey() != null) {
                log.info("Local profile: channel '{}' posts intents with header {}: {}", channel.name(),
                        Headers.API_KEY, channel.apiKey());
            }
        }
        for (IngressProperties.ChannelCredentials admin : properties.admins()) {
            if (admin.apiKey() != null) {
                log.info("Local profile: admin '{}' sets sampling rates (/api/v1/sampling) and erases data subjects "
                        + "(/api/v1/data-subjects) with header {}: {}", admin.name(), Headers.API_KEY, admin.apiKey());
            }
        }
        for (IngressProperties.ChannelCredentials participant : properties.participants()) {
            if (participant.apiKey() != null) {
                log.info("Local profile: participant '{}' reads data subjects' keys (/api/v1/data-subjects/<ref>/key) "
                        + "with header {}: {}", participant.name(), Headers.API_KEY, participant.apiKey());
            }
        }
    }
}
