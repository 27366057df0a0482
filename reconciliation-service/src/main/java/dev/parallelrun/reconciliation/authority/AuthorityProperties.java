package dev.parallelrun.reconciliation.authority;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Authority settings under {@code reconciliation.authority}.
 *
 * @param relayInterval  how often decisions recorded but not yet on {@code authority.decisions.v1} are published
 *                       again (and the stage gauge refreshed from the log)
 * @param publishTimeout how long a decision waits for the broker's acknowledgement ({@code acks=all})
 */
@ConfigurationProperties("reconciliation.authority")
public record AuthorityProperties(@DefaultValue("10s") Duration relayInterval,
        @DefaultValue("10s") Duration publishTimeout) {
}
