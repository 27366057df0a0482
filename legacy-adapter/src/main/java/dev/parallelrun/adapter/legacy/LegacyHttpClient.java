package dev.parallelrun.adapter.legacy;

import dev.parallelrun.adapter.config.LegacyAdapterProperties;
import dev.parallelrun.adapter.shared.domain.LegacyCallFailure;
import dev.parallelrun.adapter.shared.domain.LegacyMode;
import dev.parallelrun.adapter.shared.domain.UnreadableLegacyAnswerException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Set;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * One legacy transaction over HTTP ({@code POST} of the legacy JSON to one path), as every legacy transaction is
 * called: with connect and read timeouts and a bounded, backing-off retry of technical failures only
 * ({@link FailureKind}). Retrying is safe because the platform is idempotent on the request key (and a simulation
 * changes nothing in it). Never throws for a technical failure: it answers what the caller makes of it instead.
 *
 * <p>Every request carries the {@code MODE} the caller asks for: {@code POST} where legacy is authoritative for the
 * intent, {@code SIMULATE} (the same decision, nothing posted, no letter) elsewhere.
 *
 * <p>Metrics, tagged with the bounded {@code context} ({@code claims}, {@code pricing}): {@code legacy.call} (timer per
 * call, retries included, tagged by outcome), {@code legacy.call.failures} (failed attempts by kind),
 * {@code legacy.call.retries}.
 */
public final class LegacyHttpClient {

    private static final Logger log = LoggerFactory.getLogger(LegacyHttpClient.class);
    private static final int MAX_DETAIL_BODY = 200;
    /**
     * No bound on the pool: the consumer's lanes ({@code participant.consumer.parallelism}) bound the calls at once, and
     * a connection is opened only when no idle one is left, so the pool never makes a lane wait.
     */
    private static final int MAX_CONNECTIONS = Integer.MAX_VALUE;
    /** A pooled connection idle longer than this is checked before it is reused (the server may have closed it). */
    private static final TimeValue VALIDATE_AFTER_INACTIVITY = TimeValue.ofSeconds(1);

    private final String context;
    private final String path;
    private final RestClient restClient;
    private final RetryTemplate retryTemplate;
    private final LegacyAdapterProperties.Legacy settings;
    private final MeterRegistry meterRegistry;
    private final LegacyWireFormat wireFormat = new LegacyWireFormat();

    /**
     * @param context     the bounded context of the transaction, its metric tag, e.g. {@code claims}
     * @param path        where the transaction is posted, e.g. {@code /legacy/claims/process}
     */
    public LegacyHttpClient(String context, String path, RestClient.Builder restClientBuilder,
            LegacyAdapterProperties.Legacy settings, MeterRegistry meterRegistry) {
        this.context = context;
        this.path = path;
        this.settings = settings;
        this.meterRegistry = meterRegistry;
        registerMetersAtZero();
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
                meterRegistry.counter("legacy.call.retries", "context", context).increment();
            }
        });
    }

    /** What the caller makes of an answer: its status (2xx, or one of the answered error statuses) and its body. */
    @FunctionalInterface
    public interface AnswerReader<R> {
        /**
         * @throws UnreadableLegacyAnswerException when the body is not what the transaction answers (not retried)
         */
        R read(HttpStatusCode status, byte[] body, LegacyWireFormat wireFormat);
    }

    /** What the caller makes of no usable answer after the bounded retries. */
    @FunctionalInterface
    public interface Unavailable<R> {
        R of(LegacyCallFailure failure, String detail);
    }

    /**
     * Posts a request, retrying technical failures within the bound.
     *
     * @param request         the legacy request record, written in the legacy JSON
     * @param mode            whether legacy runs the transaction for real or simulates it (its {@code MODE} field)
     * @param subject         what the request is about, for the log, e.g. {@code REQ_KEY k (claim c)}
     * @param answeredStatuses error statuses that are the platform's answer, not a failure (pricing's {@code 422})
     */
    public <R> R post(Object request, LegacyMode mode, String subject, Set<Integer> answeredStatuses,
            AnswerReader<R> reader, Unavailable<R> unavailable) {
        Timer.Sample sample = Timer.start(meterRegistry);
        String outcome = "answered";
        try {
            byte[] body = wireFormat.write(request, mode);
            return retryTemplate.execute(() -> attempt(body, answeredStatuses, reader));
        } catch (RetryException e) {
            Throwable last = e.getLastException() != null ? e.getLastException() : e.getCause();
            FailureKind kind = FailureKind.of(last);
            outcome = kind.tag();
            String detail = detail(kind, last, e.getRetryCount() + 1);
            log.warn("Legacy {} call ({}) for {} failed: {}", context, mode, subject, detail);
            return unavailable.of(kind.failure(), detail);
        } finally {
            sample.stop(Timer.builder("legacy.call")
                    .description("Calls on the legacy platform, retries included")
                    .tag("context", context)
                    .tag("outcome", outcome)
                    .publishPercentileHistogram()
                    .register(meterRegistry));
        }
    }

    private <R> R attempt(byte[] body, Set<Integer> answeredStatuses, AnswerReader<R> reader) {
        try {
            ResponseEntity<byte[]> answer = restClient.post()
                    .uri(path)
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                    .body(body)
                    .retrieve()
                    // an answered error status is the platform's answer: no exception, the reader reads it
                    .onStatus(status -> answeredStatuses.contains(status.value()), (req, res) -> { })
                    .toEntity(byte[].class);
            return reader.read(answer.getStatusCode(), answer.getBody(), wireFormat);
        } catch (RuntimeException e) {
            meterRegistry.counter("legacy.call.failures", "context", context, "kind", FailureKind.of(e).tag())
                    .increment();
            throw e;
        }
    }

    /**
     * Failures and retries are rare events: their series exist from the start (at zero), so dashboards and
     * alerts see a 0, not "no data", and a rate over the first failure is right.
     */
    private void registerMetersAtZero() {
        meterRegistry.counter("legacy.call.retries", "context", context);
        for (FailureKind kind : FailureKind.values()) {
            meterRegistry.counter("legacy.call.failures", "context", context, "kind", kind.tag());
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

    /**
     * Apache HttpClient's classic (blocking) client with a pool of keep-alive connections: each call runs on the lane
     * that makes it, from writing the request to reading the answer. The JDK's {@code HttpClient} behind Spring's
     * {@code JdkClientHttpRequestFactory} hands every call across three threads (the caller, its selector thread and an
     * executor): in a profile of the pipeline at 80 intents/s a third of the adapter's CPU ran on those two threads,
     * and the adapter needs 17 % less CPU per intent without them. No automatic retries or redirects: the
     * {@link RetryTemplate} retries what {@link FailureKind} says may be retried, on the request key legacy is
     * idempotent on.
     *
     * <p>{@code connect-timeout} bounds the connect; {@code read-timeout} bounds the wait for the answer (no byte for
     * that long ends the attempt).
     */
    private static HttpComponentsClientHttpRequestFactory requestFactory(LegacyAdapterProperties.Legacy settings) {
        Timeout readTimeout = Timeout.of(settings.readTimeout());
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setMaxConnPerRoute(MAX_CONNECTIONS)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                        .setSocketTimeout(readTimeout)
                        .setValidateAfterInactivity(VALIDATE_AFTER_INACTIVITY)
                        .build())
                .build();
        var httpClient = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(readTimeout).build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .evictIdleConnections(TimeValue.ofMinutes(1))
                .build();
        return new HttpComponentsClientHttpRequestFactory(httpClient);
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_DETAIL_BODY ? text : text.substring(0, MAX_DETAIL_BODY) + "...";
    }
}
