package dev.parallelrun.adapter.claims.legacy;

import dev.parallelrun.adapter.claims.application.LegacyClaimsSystem;
import dev.parallelrun.adapter.claims.domain.LegacyCallResult;
import dev.parallelrun.adapter.claims.domain.LegacyClaimRequest;
import dev.parallelrun.adapter.claims.domain.LegacyClaimResponse;
import dev.parallelrun.adapter.config.LegacyAdapterProperties;
import dev.parallelrun.adapter.legacy.LegacyHttpClient;
import dev.parallelrun.adapter.shared.domain.LegacyMode;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import org.springframework.web.client.RestClient;

/**
 * Calls the legacy claims transaction ({@code POST /legacy/claims/process}) through the shared
 * {@link LegacyHttpClient} (timeouts, bounded retry of technical failures, metrics tagged {@code context=claims}).
 * Every answer is a {@code 200}: validation errors come back in its {@code STATUS}. Never throws for a technical
 * failure: it answers {@link LegacyCallResult.Unavailable} instead.
 */
public class HttpLegacyClaimsSystem implements LegacyClaimsSystem {

    static final String PROCESS_PATH = "/legacy/claims/process";
    static final String CONTEXT = "claims";

    private final LegacyHttpClient client;

    public HttpLegacyClaimsSystem(RestClient.Builder restClientBuilder, LegacyAdapterProperties.Legacy settings,
            MeterRegistry meterRegistry) {
        this.client = new LegacyHttpClient(CONTEXT, PROCESS_PATH, restClientBuilder, settings, meterRegistry);
    }

    @Override
    public LegacyCallResult process(LegacyClaimRequest request, LegacyMode mode) {
        return client.post(request, mode, "REQ_KEY " + request.reqKey() + " (claim " + request.claimNo() + ")", Set.of(),
                (status, body, wireFormat) -> new LegacyCallResult.Answered(
                        wireFormat.read(body, LegacyClaimResponse.class)),
                LegacyCallResult.Unavailable::new);
    }
}
