package dev.parallelrun.reconciliation.readiness.web;

import dev.parallelrun.reconciliation.readiness.ReadinessEvaluator;
import dev.parallelrun.reconciliation.readiness.ReadinessReport;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/readiness/{context}}: the context's readiness now, evaluated on request. */
@RestController
class ReadinessController {

    private final ReadinessEvaluator evaluator;

    ReadinessController(ReadinessEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    @GetMapping("/api/v1/readiness/{context}")
    ReadinessReport readiness(@PathVariable String context) {
        return evaluator.evaluate(context, List.of());
    }
}
