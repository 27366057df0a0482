package dev.parallelrun.reconciliation.rules.web;

import dev.parallelrun.reconciliation.rules.domain.RuleBasedComparator;
import dev.parallelrun.reconciliation.rules.domain.RuleSet;
import dev.parallelrun.reconciliation.rules.persistence.RuleSetStore.Activation;
import dev.parallelrun.reconciliation.rules.persistence.RuleSetStore.StoredRuleSet;
import dev.parallelrun.reconciliation.rules.persistence.RuleSetStore;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The comparison rule sets verdicts name: every stored version, and one with its content. */
@RestController
@RequestMapping("/api/v1/rule-sets")
class RuleSetController {

    private final RuleSetStore store;
    private final Set<String> inForce;

    RuleSetController(RuleSetStore store, RuleBasedComparator comparator) {
        this.store = store;
        this.inForce = comparator.ruleSets().stream().map(RuleSet::version).collect(Collectors.toUnmodifiableSet());
    }

    /** Every rule set ever in force, newest first; {@code active}: in force on this instance now. */
    @GetMapping
    RuleSetPage list() {
        return new RuleSetPage(store.findAll().stream().map(this::summary).toList());
    }

    /** One rule set with its file's text, its content as JSON and every activation (with the what-if it was approved on). */
    @GetMapping("/{version}")
    RuleSetView byVersion(@PathVariable String version) {
        StoredRuleSet stored = store.find(version).orElseThrow(() -> new RuleSetNotFoundException(version));
        return new RuleSetView(summary(stored), stored.content(), stored.definition(), store.activationRecords(version));
    }

    private RuleSetSummary summary(StoredRuleSet r) {
        return new RuleSetSummary(r.version(), r.context(), r.declaredVersion(), r.contentSha256(), r.source(),
                r.description(), r.activatedAt(), r.lastActivatedAt(), inForce.contains(r.version()));
    }

    /** The stored rule sets. */
    record RuleSetPage(List<RuleSetSummary> items) {
    }

    /** A stored rule set without its content. */
    record RuleSetSummary(String version, String context, String declaredVersion, String contentSha256, String source,
            String description, Instant activatedAt, Instant lastActivatedAt, boolean active) {
    }

    /** A stored rule set with its content. */
    record RuleSetView(String version, String context, String declaredVersion, String contentSha256, String source,
            String description, Instant activatedAt, Instant lastActivatedAt, boolean active, String content,
            JsonNode definition, List<Activation> activations) {

        RuleSetView(RuleSetSummary s, String content, JsonNode definition, List<Activation> activations) {
            this(s.version(), s.context(), s.declaredVersion(), s.contentSha256(), s.source(), s.description(),
                    s.activatedAt(), s.lastActivatedAt(), s.active(), content, definition, activations);
        }
    }
}
