package dev.parallelrun.ingress.authority.domain;

import dev.parallelrun.events.Side;
import java.util.Objects;

/**
 * What the ingress stamps on an intent: the side whose side effects are real for it ({@code authority}) and the
 * decision that says so ({@code authoritydecision}).
 */
public record AuthorityStamp(Side side, String decisionId) {

    public AuthorityStamp {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(decisionId, "decisionId");
    }
}
