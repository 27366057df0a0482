package dev.parallelrun.claims.web;

import dev.parallelrun.claims.application.GatedSideEffect;
import dev.parallelrun.claims.application.SideEffectGate;
import dev.parallelrun.claims.application.SideEffectStore;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/side-effects?correlationId=...}: what the gate did with the side effects of one
 * business transaction (suppressed or dispatched), so ops can see what the shadow would have done.
 */
@RestController
@RequestMapping(path = "/api/v1/side-effects", produces = MediaType.APPLICATION_JSON_VALUE)
class SideEffectController {

    private final SideEffectStore store;
    private final SideEffectGate gate;

    SideEffectController(SideEffectStore store, SideEffectGate gate) {
        this.store = store;
        this.gate = gate;
    }

    @GetMapping
    SideEffects byCorrelationId(@RequestParam String correlationId) {
        return new SideEffects(correlationId, gate.authoritative(), store.findByCorrelationId(correlationId));
    }

    /**
     * @param authoritative whether the service dispatches side effects now (those listed keep the status
     *                      they were recorded with)
     */
    record SideEffects(String correlationId, boolean authoritative, List<GatedSideEffect> items) {
    }
}
