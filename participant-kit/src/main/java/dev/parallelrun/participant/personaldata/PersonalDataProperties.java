package dev.parallelrun.participant.personaldata;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the participant reads data subjects' keys, prefix {@code participant.personal-data}.
 *
 * @param keyServiceUrl the ingress's base URL, e.g. {@code http://ingress-service:8080}; unset: the participant does
 *                      not decrypt, and its handlers see personal fields as the ciphertext the ingress published
 * @param apiKey        the participant's credential at the ingress ({@code ingress.participants[]}), sent as
 *                      {@code X-Api-Key}
 * @param cacheTtl      how long a key (or the fact that it is destroyed) is kept in memory: an erasure reaches this
 *                      participant within it
 * @param cacheSize     how many keys are kept in memory at most
 * @param timeout       how long one request to the key service may take
 */
@ConfigurationProperties("participant.personal-data")
public record PersonalDataProperties(
        URI keyServiceUrl,
        String apiKey,
        @DefaultValue("60s") Duration cacheTtl,
        @DefaultValue("10000") int cacheSize,
        @DefaultValue("5s") Duration timeout) {

    public PersonalDataProperties {
        if (keyServiceUrl != null && (apiKey == null || apiKey.isBlank())) {
            throw new IllegalArgumentException("participant.personal-data.api-key is required with "
                    + "participant.personal-data.key-service-url: the participant's key at the ingress");
        }
        if (cacheSize < 1 || cacheTtl == null || cacheTtl.isNegative() || timeout == null || timeout.isNegative()
                || timeout.isZero()) {
            throw new IllegalArgumentException("participant.personal-data: cache-size must be at least 1, cache-ttl "
                    + "not negative and timeout positive");
        }
    }

    /** Whether the participant decrypts personal fields. */
    public boolean decrypts() {
        return keyServiceUrl != null;
    }

    @Override
    public String toString() {
        return "PersonalDataProperties[keyServiceUrl=" + keyServiceUrl + ", apiKey=" + (apiKey == null ? "none" : "******")
                + ", cacheTtl=" + cacheTtl + ", cacheSize=" + cacheSize + ", timeout=" + timeout + "]";
    }
}
