package dev.parallelrun.adapter.claims.legacy;

import dev.parallelrun.adapter.claims.application.LegacyClaimsSystem;
import dev.parallelrun.adapter.claims.domain.LegacyCallResult;
import dev.parallelrun.adapter.claims.domain.LegacyClaimRequest;
import dev.parallelrun.adapter.claims.domain.LegacyClaimResponse;
import dev.parallelrun.adapter.claims.domain.UnreadableLegacyAnswerException;
import dev.parallelrun.adapter.config.LegacyAdapterProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.http.HttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * Calls the legacy platform over HTTP ({@code POST /legacy/claims/process}) with connect and read
 * timeouts and a bounded, backing-off retry of technical failures. Retrying is safe because the
 * platform is idempotent on the request key. Never throws for a technical failure: it answers
 * {@link LegacyCallResult.Unavailable} instead.
 *
 * <p>Metrics: {@code legacy.call} (timer per call, retries included, tagged by outcome),
 * {@code legacy.call.failures} (failed attempts by kind), {@code legacy.call.retries}.
 */
public class HttpLegacyClaimsSystem implements LegacyClaimsSystem {

    static final String PROCESS_PATH = "/legacy/claims/process";
    private static final Logger log = LoggerFactory.getLogger(HttpLegacyClaimsSystem.class);
    private static final int MAX_DETAIL_BODY = 200;

    private final RestClient restClient;
    private final RetryTemplate retryTemplate;
    private final LegacyAdapterProperties.Legacy settings;
    private final MeterRegistry meterRegistry;
    private final LegacyWireFormat wireFormat = new LegacyWireFormat();

    public HttpLegacyClaimsSystem(RestClient.Builder restClientBuilder, LegacyAdapterProperties.Legacy settings,
            MeterRegistry meterRegistry) {
        this.settings = settings;
        this.meterRegistry = meterRegistry;
        registerMetersAtZero(meterRegistry);
        this.restClient = restClientBuilder.clone()
                .baseUrl(settings.baseUrl().toString())
                .requestFactory(requestFactory(settings))
                .build();
        this.retryTemplate = new RetryTemplate(RetryPolicy.builder()
                .maxRetries(settings.retry().maxAttempts() - 1L)
                .delay(settings.retry().initialBackoff())
                .multiplier(settings.retry().multiplier())
                .maxDelay(settings.retry().maxBackoff())
                .predicate(failure -> FailureKind.of(failure).retryable())
                .build());
        this.retryTemplate.setRetryListener(new RetryListener() {
            @Override
            public void beforeRetry(RetryPolicy policy, Retryable<?> retryable, RetryState state) {
                meterRegistry.counter("legacy.call.retries").increment();
            }
        });
    }

    /**
     * Failures and retries are rare events: their series exist from the start (at zero), so dashboards and
     * alerts see a 0, not "no data", and a rate over the first failure is right.
     */
    private static void registerMetersAtZero(MeterRegistry meterRegistry) {
        meterRegistry.counter("legacy.call.retries");
        for (FailureKind kind : FailureKind.values()) {
            meterRegistry.counter("legacy.call.failures", "kind", kind.tag());
        }
    }

    @Override
    public LegacyCallResult process(LegacyClaimRequest request) {
        Timer.Sample sample = Timer.start(meterRegistry);
        String outcome = "answered";
        try {
            return new LegacyCallResult.Answered(retryTemplate.execute(() -> attempt(request)));
        } catch (RetryException e) {
            Throwable last = e.getLastException() != null ? e.getLastException() : e.getCause();
            FailureKind kind = FailureKind.of(last);
            outcome = kind.tag();
            int attempts = e.getRetryCount() + 1;
            String detail = detail(kind, last, attempts);
            log.warn("Legacy call for REQ_KEY {} (claim {}) failed: {}", request.reqKey(), request.claimNo(), detail);
            return new LegacyCallResult.Unavailable(kind.failure(), detail);
        } finally {
            sample.stop(Timer.builder("legacy.call")
                    .description("Calls on the legacy claims platform, retries included")
                    .tag("outcome", outcome)
                    .publishPercentileHistogram()
                    .register(meterRegistry));
        }
    }

    private LegacyClaimResponse attempt(LegacyClaimRequest request) {
        try {
            byte[] answer = restClient.post()
                    .uri(PROCESS_PATH)
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(wireFormat.write(request))
                    .retrieve()
                    .body(byte[].class);
            return wireFormat.read(answer);
        } catch (RuntimeException e) {
            meterRegistry.counter("legacy.call.failures", "kind", FailureKind.of(e).tag()).increment();
            throw e;
        }
    }

    private String detail(FailureKind kind, Throwable failure, int attempts) {
        String tries = attempts == 1 ? "1 attempt" : attempts + " attempts";
        return switch (kind) {
            case TIMEOUT -> "no answer within " + settings.readTimeout() + " after " + tries;
            case SERVER_ERROR -> "HTTP " + ((RestClientResponseException) failure).getStatusCode().value()
                    + " after " + tries;
            case CONNECTION -> "cannot reach " + settings.baseUrl() + " after " + tries + ": " + failure.getMessage();
            case CLIENT_ERROR -> "HTTP " + ((RestClientResponseException) failure).getStatusCode().value()
                    + " (not retried): " + abbreviate(((RestClientResponseException) failure).getResponseBodyAsString());
            case UNREADABLE -> failure instanceof UnreadableLegacyAnswerException
                    ? "unreadable legacy answer: " + failure.getMessage()
                    : "unreadable legacy answer: " + failure;
        };
    }

    private static JdkClientHttpRequestFactory requestFactory(LegacyAdapterProperties.Legacy settings) {
        HttpClient httpClient = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(httpClient);
        factory.setReadTimeout(settings.readTimeout());
        return factory;
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_DETAIL_BODY ? text : text.substring(0, MAX_DETAIL_BODY) + "...";
    }
}
