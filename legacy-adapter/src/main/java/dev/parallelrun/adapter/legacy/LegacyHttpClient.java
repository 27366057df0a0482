package dev.parallelrun.adapter.legacy;

import dev.parallelrun.adapter.config.LegacyAdapterProperties;
import dev.parallelrun.adapter.shared.domain.LegacyCallFailure;
import dev.parallelrun.adapter.shared.domain.LegacyMode;
import dev.parallelrun.adapter.shared.domain.UnreadableLegacyAnswerException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.http.HttpClient;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.springframework.http.client.JdkClientHttpRequestFactory;
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
                .requestFactory(requestFactory(context, settings))
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
     * The JDK's HTTP client with an executor of its own, which Spring's request factory also uses to write request
     * bodies: without one, it would start a thread ({@code SimpleAsyncTaskExecutor}) for every legacy call. A cached pool:
     * the calls at once are bounded by the consumer's lanes, and idle threads end after a minute.
     */
    private static JdkClientHttpRequestFactory requestFactory(String context, LegacyAdapterProperties.Legacy settings) {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "legacy-http-" + context + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        HttpClient httpClient = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .executor(executor)
                .build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(httpClient);
        factory.setReadTimeout(settings.readTimeout());
        return factory;
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_DETAIL_BODY ? text : text.substring(0, MAX_DETAIL_BODY) + "...";
    }
}
