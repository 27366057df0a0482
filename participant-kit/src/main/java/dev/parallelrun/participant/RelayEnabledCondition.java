package dev.parallelrun.participant;

import dev.parallelrun.events.Side;
import java.util.Locale;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether the participant relays its dispatched side effects ({@link SideEffectRelay}): the rule of
 * {@link ParticipantProperties.Relay#enabledOn}, read before the properties are bound (beans depend on it).
 */
final class RelayEnabledCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String side = context.getEnvironment().getProperty("participant.side");
        if (side == null) {
            return false;
        }
        Boolean enabled = context.getEnvironment().getProperty("participant.relay.enabled", Boolean.class);
        return new ParticipantProperties.Relay(enabled, ParticipantProperties.Relay.DEFAULT.interval(),
                ParticipantProperties.Relay.DEFAULT.batchSize())
                .enabledOn(Side.fromWire(side.trim().toLowerCase(Locale.ROOT)));
    }
}
