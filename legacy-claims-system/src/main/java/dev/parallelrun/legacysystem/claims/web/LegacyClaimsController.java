package dev.parallelrun.legacysystem.claims.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parallelrun.legacysystem.claims.application.LegacyClaimService;
import dev.parallelrun.legacysystem.claims.application.LegacyReply;
import dev.parallelrun.legacysystem.claims.domain.RequestJournal;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The legacy platform's HTTP interface. Business outcomes, validation errors included, answer
 * {@code 200} with the overloaded {@code STATUS}; only system errors answer {@code 500}. A simulated request
 * ({@code MODE=SIMULATE}) answers exactly as a real one would.
 */
@RestController
class LegacyClaimsController {

    private final LegacyClaimService service;

    LegacyClaimsController(LegacyClaimService service) {
        this.service = service;
    }

    @PostMapping(path = "/legacy/claims/process", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    CompletableFuture<ResponseEntity<?>> process(@RequestBody LegacyClaimRequestBody request) {
        return service.process(request.toForm(), request.mode()).thenApply(LegacyClaimsController::toResponse);
    }

    /** For tests and demos: how often a request key was received, decided and simulated. */
    @GetMapping(path = "/legacy/admin/requests/{reqKey}", produces = MediaType.APPLICATION_JSON_VALUE)
    RequestUsageBody usage(@PathVariable String reqKey) {
        RequestJournal.Usage usage = service.usage(reqKey);
        return new RequestUsageBody(usage.calls(), usage.decisions(), usage.simulations());
    }

    record RequestUsageBody(@JsonProperty("calls") int calls, @JsonProperty("decisions") int decisions,
            @JsonProperty("simulations") int simulations) {
    }

    record SystemErrorBody(@JsonProperty("STATUS") String status, @JsonProperty("MSG") String msg) {
    }

    private static ResponseEntity<?> toResponse(LegacyReply reply) {
        if (reply instanceof LegacyReply.Answered answered) {
            return ResponseEntity.ok(LegacyClaimResponseBody.of(answered.decision()));
        }
        LegacyReply.SystemError error = (LegacyReply.SystemError) reply;
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(new SystemErrorBody("99", error.message()));
    }
}
