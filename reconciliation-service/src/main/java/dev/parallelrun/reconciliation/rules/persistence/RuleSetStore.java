package dev.parallelrun.reconciliation.rules.persistence;

import dev.parallelrun.events.EventCodec;
import dev.parallelrun.reconciliation.rules.domain.RuleSet;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * The rule sets verdicts were decided with, in PostgreSQL. A rule set row is immutable (the database
 * refuses updates and deletes); each start-up that puts a rule set in force adds an activation, naming the what-if
 * report (rules.whatif) the file was approved on when there is one.
 */
@Repository
public class RuleSetStore {

    private static final String SUMMARY = "r.version, r.context, r.declared_version, r.content_sha256, r.source, "
            + "r.description, r.activated_at, (SELECT max(a.activated_at) FROM rule_set_activation a "
            + "WHERE a.version = r.version) AS last_activated_at";

    private final JdbcTemplate jdbc;
    private final EventCodec codec = EventCodec.standard();

    public RuleSetStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores rule sets not stored before and records that all of them became active now, each activation with the
     * what-if report it was approved on: the latest report run on exactly this file (same context, same content
     * SHA-256), if any.
     *
     * @throws IllegalStateException if a stored rule set of the same version has other content
     */
    @Transactional
    public void activate(Collection<RuleSet> ruleSets, Instant now) {
        activate(ruleSets, now, ruleSet -> false);
    }

    /**
     * As {@link #activate(Collection, Instant)}; a rule set not stored before for which {@code requiresWhatIf} holds
     * is refused unless a what-if report was run on exactly its file. Nothing is stored when one is refused.
     *
     * @throws IllegalStateException if a stored rule set of the same version has other content, or a new rule set
     *                               that requires a what-if has none
     */
    @Transactional
    public void activate(Collection<RuleSet> ruleSets, Instant now, Predicate<RuleSet> requiresWhatIf) {
        for (RuleSet ruleSet : ruleSets) {
            UUID report = approvingReport(ruleSet).orElse(null);
            if (report == null && requiresWhatIf.test(ruleSet) && find(ruleSet.version()).isEmpty()) {
                throw new IllegalStateException("rule set " + ruleSet.version() + " (" + ruleSet.source() + ") is new and "
                        + "no what-if report was run on this file (context " + ruleSet.context() + ", sha256 "
                        + ruleSet.contentSha256() + "): POST it to /api/v1/rule-sets/what-if and review the report before "
                        + "starting with it (reconciliation.rules.require-what-if=true)");
            }
            jdbc.update("INSERT INTO rule_set (version, context, declared_version, content_sha256, source, description, "
                    + "content, definition, activated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?) "
                    + "ON CONFLICT (version) DO NOTHING", ruleSet.version(), ruleSet.context(), ruleSet.declaredVersion(),
                    ruleSet.contentSha256(), ruleSet.source(), ruleSet.description(), ruleSet.content(),
                    codec.mapper().writeValueAsString(ruleSet.definition()), Timestamp.from(now));
            String stored = jdbc.queryForObject("SELECT content_sha256 FROM rule_set WHERE version = ?", String.class,
                    ruleSet.version());
            if (!ruleSet.contentSha256().equals(stored)) {
                throw new IllegalStateException("rule set version " + ruleSet.version() + " is stored with other content "
                        + "(sha256 " + stored + ", " + ruleSet.source() + " has " + ruleSet.contentSha256()
                        + "): change the declared version");
            }
            jdbc.update("INSERT INTO rule_set_activation (version, activated_at, what_if_report_id) VALUES (?, ?, ?) "
                    + "ON CONFLICT DO NOTHING", ruleSet.version(), Timestamp.from(now), report);
        }
    }

    /** The latest what-if report run on exactly this rule set's file. */
    private Optional<UUID> approvingReport(RuleSet ruleSet) {
        return jdbc.query("SELECT id FROM what_if_report WHERE context = ? AND candidate_sha256 = ? "
                + "ORDER BY requested_at DESC, id LIMIT 1", (rs, row) -> rs.getObject(1, UUID.class), ruleSet.context(),
                ruleSet.contentSha256()).stream().findFirst();
    }

    /** Every stored rule set, newest first, without content. */
    public List<StoredRuleSet> findAll() {
        return jdbc.query("SELECT " + SUMMARY + ", NULL AS content, NULL AS definition FROM rule_set r "
                + "ORDER BY r.activated_at DESC, r.version", this::mapRow);
    }

    /** One stored rule set with its content. */
    public Optional<StoredRuleSet> find(String version) {
        return jdbc.query("SELECT " + SUMMARY + ", r.content, r.definition FROM rule_set r WHERE r.version = ?",
                this::mapRow, version).stream().findFirst();
    }

    /** When a rule set was put in force, oldest first. */
    public List<Instant> activations(String version) {
        return jdbc.query("SELECT activated_at FROM rule_set_activation WHERE version = ? ORDER BY activated_at",
                (rs, row) -> rs.getTimestamp(1).toInstant(), version);
    }

    /** Every time a rule set was put in force, oldest first, with the what-if report it was approved on. */
    public List<Activation> activationRecords(String version) {
        return jdbc.query("SELECT activated_at, what_if_report_id FROM rule_set_activation WHERE version = ? "
                + "ORDER BY activated_at", (rs, row) -> {
                    UUID report = rs.getObject(2, UUID.class);
                    return new Activation(rs.getTimestamp(1).toInstant(), report == null ? null : report.toString());
                }, version);
    }

    private StoredRuleSet mapRow(ResultSet rs, int row) throws SQLException {
        Timestamp last = rs.getTimestamp("last_activated_at");
        String definition = rs.getString("definition");
        return new StoredRuleSet(rs.getString("version"), rs.getString("context"), rs.getString("declared_version"),
                rs.getString("content_sha256"), rs.getString("source"), rs.getString("description"),
                rs.getTimestamp("activated_at").toInstant(), last == null ? null : last.toInstant(),
                rs.getString("content"), definition == null ? null : codec.mapper().readTree(definition));
    }

    /**
     * One start-up that put a rule set in force.
     *
     * @param whatIfReportId the what-if report run on exactly this file before, {@code null} if there was none
     */
    public record Activation(Instant activatedAt, String whatIfReportId) {
    }

    /**
     * A stored rule set.
     *
     * @param activatedAt     when it was first put in force
     * @param lastActivatedAt when it was last put in force (a start-up)
     * @param content         the file's text; {@code null} in lists
     * @param definition      the file's content as JSON; {@code null} in lists
     */
    public record StoredRuleSet(String version, String context, String declaredVersion, String contentSha256,
            String source, String description, Instant activatedAt, Instant lastActivatedAt, String content,
            JsonNode definition) {
    }
}
