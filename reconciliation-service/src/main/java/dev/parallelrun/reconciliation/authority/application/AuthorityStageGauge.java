package dev.parallelrun.reconciliation.authority.application;

import dev.parallelrun.events.authority.AuthorityStage;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * {@code parallelrun_authority_stage{context}}: 0 = SHADOW … 3 = FULL, for every context with a rule set. Set when
 * this instance decides, and refreshed from the log by the relay (another instance may have decided).
 */
@Component
public class AuthorityStageGauge {

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> stages = new ConcurrentHashMap<>();

    AuthorityStageGauge(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(String context, AuthorityStage stage) {
        stages.computeIfAbsent(context, c -> {
            AtomicInteger level = new AtomicInteger();
            Gauge.builder("parallelrun.authority.stage", level, AtomicInteger::get)
                    .description("The context's authority stage: 0 SHADOW, 1 VALIDATED, 2 SELECTIVE, 3 FULL")
                    .tag("context", c).register(registry);
            return level;
        }).set(stage.level());
    }
}
