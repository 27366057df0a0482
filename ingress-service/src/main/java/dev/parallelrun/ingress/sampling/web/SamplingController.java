package dev.parallelrun.ingress.sampling.web;

import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.IntentType;
import dev.parallelrun.ingress.intent.schema.IntentCatalog;
import dev.parallelrun.ingress.intent.schema.RegisteredIntent;
import dev.parallelrun.ingress.intent.schema.UnknownIntentTypeException;
import dev.parallelrun.ingress.sampling.application.IntentSampler;
import dev.parallelrun.ingress.sampling.domain.SamplingRate;
import dev.parallelrun.ingress.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.math.BigDecimal;
import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin API of sampling: {@code GET /api/v1/sampling} lists the rate in force for every intent type,
 * {@code PUT /api/v1/sampling/{context}/{intentType}} with {@code {"percent": 25.0}} sets one (0 to 100, at
 * most two decimal places). Only admins ({@code ingress.admins}) may call it.
 */
@RestController
class SamplingController {

    /** A rate body is a few bytes; anything much larger is not one. */
    private static final int MAX_BODY_BYTES = 1024;

    private final IntentSampler sampler;
    private final IntentCatalog catalog;
    private final JsonMapper mapper = EventCodec.standard().mapper();

    SamplingController(IntentSampler sampler, IntentCatalog catalog) {
        this.sampler = sampler;
        this.catalog = catalog;
    }

    /** One intent type's rate. */
    record Rate(String context, String intentType, String eventType, BigDecimal percent) {

        static Rate of(IntentType type, SamplingRate rate) {
            return new Rate(type.boundedContext(), type.name(), type.eventType(), rate.percent());
        }
    }

    record Rates(List<Rate> rates) {
    }

    @GetMapping(path = "/api/v1/sampling", produces = MediaType.APPLICATION_JSON_VALUE)
    Rates rates() {
        return new Rates(catalog.all().stream()
                .map(intent -> Rate.of(intent.type(), sampler.rateOf(intent.type())))
                .toList());
    }

    @PutMapping(path = "/api/v1/sampling/{context}/{intentType}",
            consumes = {MediaType.APPLICATION_JSON_VALUE, "application/*+json"})
    ResponseEntity<?> set(@PathVariable String context, @PathVariable String intentType, Principal admin,
            HttpServletRequest request) throws IOException {
        RegisteredIntent intent = catalog.get(intentType);
        if (!intent.type().boundedContext().equals(context)) {
            throw new UnknownIntentTypeException(context + "/" + intentType);
        }
        BigDecimal percent;
        try {
            percent = percentOf(request);
        } catch (IllegalArgumentException e) {
            return invalid(request, e.getMessage());
        }
        SamplingRate rate;
        try {
            rate = SamplingRate.ofPercent(context, intentType, percent);
        } catch (IllegalArgumentException e) {
            return invalid(request, e.getMessage() + ".");
        }
        sampler.set(rate, admin.getName());
        return ResponseEntity.ok(Rate.of(intent.type(), rate));
    }

    /** The {@code percent} of the body, read as an exact decimal. */
    private BigDecimal percentOf(HttpServletRequest request) throws IOException {
        byte[] bytes = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("The body must be a small JSON object such as {\"percent\": 25.0}.");
        }
        JsonNode body;
        try {
            body = mapper.readTree(bytes);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("The body is not well-formed JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject() || body.size() != 1 || !body.path("percent").isNumber()) {
            throw new IllegalArgumentException("The body must be {\"percent\": <number from 0 to 100>}, "
                    + "e.g. {\"percent\": 25.0}.");
        }
        return body.get("percent").decimalValue();
    }

    private static ResponseEntity<ProblemDetail> invalid(HttpServletRequest request, String detail) {
        ProblemDetail problem = Problems.problem(request, HttpStatus.UNPROCESSABLE_CONTENT,
                Problems.INVALID_SAMPLING_RATE, "Invalid sampling rate", detail);
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
