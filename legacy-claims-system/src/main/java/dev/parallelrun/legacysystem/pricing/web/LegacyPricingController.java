package dev.parallelrun.legacysystem.pricing.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parallelrun.legacysystem.pricing.application.LegacyQuoteService;
import dev.parallelrun.legacysystem.pricing.application.QuoteReply;
import dev.parallelrun.legacysystem.pricing.domain.QuoteJournal;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The legacy pricing transaction over HTTP. Quoted, referred and declined quotes answer {@code 200} with the
 * overloaded {@code STATUS}; a request that cannot be priced as sent answers {@code 422} problem details; system
 * errors answer {@code 500} as the claims transaction does.
 */
@RestController
class LegacyPricingController {

    static final String QUOTE_PATH = "/legacy/pricing/quote";
    static final URI INVALID_QUOTE_REQUEST = URI.create("urn:parallelrun:legacy:problem:invalid-quote-request");

    private final LegacyQuoteService service;

    LegacyPricingController(LegacyQuoteService service) {
        this.service = service;
    }

    @PostMapping(path = QUOTE_PATH, consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    CompletableFuture<ResponseEntity<?>> quote(@RequestBody LegacyQuoteRequestBody request) {
        return service.process(request.toForm(), request.mode()).thenApply(LegacyPricingController::toResponse);
    }

    /** For tests and demos: how often a request key was received, priced and simulated. */
    @GetMapping(path = "/legacy/admin/quote-requests/{reqKey}", produces = MediaType.APPLICATION_JSON_VALUE)
    QuoteUsageBody usage(@PathVariable String reqKey) {
        QuoteJournal.Usage usage = service.usage(reqKey);
        return new QuoteUsageBody(usage.calls(), usage.quotes(), usage.simulations());
    }

    record QuoteUsageBody(@JsonProperty("calls") int calls, @JsonProperty("quotes") int quotes,
            @JsonProperty("simulations") int simulations) {
    }

    record SystemErrorBody(@JsonProperty("STATUS") String status, @JsonProperty("MSG") String msg) {
    }

    private static ResponseEntity<?> toResponse(QuoteReply reply) {
        if (reply instanceof QuoteReply.Answered answered) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(LegacyQuoteResponseBody.of(answered.quote()));
        }
        if (reply instanceof QuoteReply.Invalid invalid) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, invalid.problem());
            problem.setType(INVALID_QUOTE_REQUEST);
            problem.setTitle("Invalid quote request");
            problem.setInstance(URI.create(QUOTE_PATH));
            return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        QuoteReply.SystemError error = (QuoteReply.SystemError) reply;
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.APPLICATION_JSON)
                .body(new SystemErrorBody("99", error.message()));
    }
}
