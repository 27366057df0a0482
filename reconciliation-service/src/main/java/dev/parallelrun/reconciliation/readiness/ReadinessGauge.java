package dev.parallelrun.reconciliation.readiness;

import dev.parallelrun.reconciliation.scheduling.PeriodicTask;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code parallelrun_readiness_ready{context}}: 1 while the context's last evaluation was ready, else 0, for every
 * context with a rule set. Evaluated every {@code reconciliation.readiness.refresh-interval} and cached, because an
 * evaluation reads a day of verdicts: a scrape must not.
 */
@Component
class ReadinessGauge extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(ReadinessGauge.class);

    private final RuleSetReadinessEvaluator evaluator;
    private final ReadinessProperties properties;
    private final MultiGauge ready;
    private final Map<String, Integer> last = new ConcurrentHashMap<>();

    ReadinessGauge(RuleSetReadinessEvaluator evaluator, ReadinessProperties properties, MeterRegistry registry) {
        super("readiness-gauge", properties.refreshInterval());
        this.evaluator = evaluator;
        this.properties = properties;
        this.ready = MultiGauge.builder("parallelrun.readiness.ready")
                .description("1 while the context's evidence meets every readiness criterion of its rule set, else 0")
                .register(registry);
    }

    void refresh() {
        for (String context : evaluator.contexts()) {
            try {
                last.put(context, evaluator.evaluate(context, List.of()).ready() ? 1 : 0);
            } catch (RuntimeException e) {
                // keep the last value: a database hiccup must not look like a readiness change
                log.warn("could not evaluate the readiness of {}: {}", context, e.toString());
                last.putIfAbsent(context, 0);
            }
        }
        ready.register(last.entrySet().stream().<MultiGauge.Row<?>>map(entry ->
                MultiGauge.Row.of(Tags.of("context", entry.getKey()), entry.getValue())).toList(), true);
    }

    @Override
    protected void runOnce() {
        refresh();
    }
}
