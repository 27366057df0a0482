package dev.parallelrun.adapter.pricing.legacy;

import dev.parallelrun.adapter.config.LegacyAdapterProperties;
import dev.parallelrun.adapter.legacy.LegacyHttpClient;
import dev.parallelrun.adapter.legacy.LegacyWireFormat;
import dev.parallelrun.adapter.pricing.application.LegacyPricingSystem;
import dev.parallelrun.adapter.pricing.domain.LegacyQuoteCallResult;
import dev.parallelrun.adapter.pricing.domain.LegacyQuoteRequest;
import dev.parallelrun.adapter.pricing.domain.LegacyQuoteResponse;
import dev.parallelrun.adapter.shared.domain.LegacyMode;
import dev.parallelrun.adapter.shared.domain.UnreadableLegacyAnswerException;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the legacy pricing transaction ({@code POST /legacy/pricing/quote}) through the shared
 * {@link LegacyHttpClient} (timeouts, bounded retry of technical failures, metrics tagged {@code context=pricing}).
 * Unlike claims, legacy refuses a request it cannot price with a {@code 422} problem of type
 * {@value #INVALID_QUOTE_REQUEST}: that is its answer ({@link LegacyQuoteCallResult.Refused}), not a failure, and is
 * not retried. Never throws for a technical failure: it answers {@link LegacyQuoteCallResult.Unavailable} instead.
 */
public class HttpLegacyPricingSystem implements LegacyPricingSystem {

    static final String QUOTE_PATH = "/legacy/pricing/quote";
    static final String CONTEXT = "pricing";
    static final String INVALID_QUOTE_REQUEST = "urn:parallelrun:legacy:problem:invalid-quote-request";
    private static final Set<Integer> REFUSAL = Set.of(HttpStatus.UNPROCESSABLE_CONTENT.value());

    /** The problem document is standard JSON, not the legacy format. */
    private final JsonMapper problemMapper = JsonMapper.builder().build();
    private final LegacyHttpClient client;

    public HttpLegacyPricingSystem(RestClient.Builder restClientBuilder, LegacyAdapterProperties.Legacy settings,
            MeterRegistry meterRegistry) {
        this.client = new LegacyHttpClient(CONTEXT, QUOTE_PATH, restClientBuilder, settings, meterRegistry);
    }

    @Override
    public LegacyQuoteCallResult quote(LegacyQuoteRequest request, LegacyMode mode) {
        return client.post(request, mode, "REQ_KEY " + request.reqKey() + " (quote " + request.quoteNo() + ")", REFUSAL,
                this::read, LegacyQuoteCallResult.Unavailable::new);
    }

    private LegacyQuoteCallResult read(HttpStatusCode status, byte[] body, LegacyWireFormat wireFormat) {
        if (REFUSAL.contains(status.value())) {
            return new LegacyQuoteCallResult.Refused(refusal(body));
        }
        return new LegacyQuoteCallResult.Answered(wireFormat.read(body, LegacyQuoteResponse.class));
    }

    private String refusal(byte[] body) {
        JsonNode problem;
        try {
            problem = body == null || body.length == 0 ? null : problemMapper.readTree(body);
        } catch (JacksonException e) {
            throw new UnreadableLegacyAnswerException("422 answer is not a problem document: " + e.getOriginalMessage());
        }
        if (problem == null || !INVALID_QUOTE_REQUEST.equals(problem.path("type").asString(null))) {
            throw new UnreadableLegacyAnswerException("422 answer is not an " + INVALID_QUOTE_REQUEST + " problem");
        }
        return problem.path("detail").asString("");
    }
}
