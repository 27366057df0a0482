package dev.parallelrun.participant;

import java.util.Objects;

/**
 * A side effect a decision asks for, before the gate has decided what happens to it.
 *
 * @param type    the participant's name for the kind of side effect, e.g. {@code PAYMENT_INSTRUCTION}; one per intent
 * @param payload what would be sent, serialised as JSON; must hold no personal data
 */
public record SideEffectRequest(String type, Object payload) {

    public SideEffectRequest {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
    }
}
