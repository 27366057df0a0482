package dev.parallelrun.participant.web;

import dev.parallelrun.participant.GatedSideEffect;
import dev.parallelrun.participant.SideEffects;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/side-effects?correlationId=...}: what a participant's gate did with the side effects of one
 * business transaction (suppressed or dispatched), so ops and auditors see what each side did, or would have done,
 * for real. Every participant serves it: a shadow service its payments, letters and quote documents, the legacy
 * adapter its bookings on the legacy system.
 */
@RestController
@RequestMapping(path = "/api/v1/side-effects", produces = MediaType.APPLICATION_JSON_VALUE)
public class SideEffectController {

    private final SideEffects sideEffects;

    public SideEffectController(SideEffects sideEffects) {
        this.sideEffects = sideEffects;
    }

    @GetMapping
    SideEffectsOfCorrelation byCorrelationId(@RequestParam String correlationId) {
        return new SideEffectsOfCorrelation(correlationId, sideEffects.ofCorrelation(correlationId));
    }

    /**
     * @param items each with the status the gate gave it: dispatched only where the intent named this participant's
     *              side authoritative (and was no replay)
     */
    record SideEffectsOfCorrelation(String correlationId, List<GatedSideEffect> items) {
    }
}
