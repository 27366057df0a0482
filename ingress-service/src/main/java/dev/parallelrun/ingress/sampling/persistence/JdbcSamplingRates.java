package dev.parallelrun.ingress.sampling.persistence;

import dev.parallelrun.ingress.sampling.application.SamplingRates;
import dev.parallelrun.ingress.sampling.domain.SamplingRate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The sampling rates in the ingress's schema ({@code sampling_rate}, one row per intent type that has one). */
@Repository
class JdbcSamplingRates implements SamplingRates {

    private final JdbcClient jdbc;

    JdbcSamplingRates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<SamplingRate> all() {
        return jdbc.sql("SELECT bounded_context, intent_type, basis_points FROM ingress.sampling_rate "
                        + "ORDER BY bounded_context, intent_type")
                .query((row, i) -> new SamplingRate(row.getString("bounded_context"), row.getString("intent_type"),
                        row.getInt("basis_points")))
                .list();
    }

    @Override
    public void save(SamplingRate rate, String changedBy, Instant changedAt) {
        jdbc.sql("""
                INSERT INTO ingress.sampling_rate (bounded_context, intent_type, basis_points, changed_by, changed_at)
                VALUES (:context, :type, :basisPoints, :changedBy, :changedAt)
                ON CONFLICT (bounded_context, intent_type) DO UPDATE
                SET basis_points = EXCLUDED.basis_points, changed_by = EXCLUDED.changed_by,
                    changed_at = EXCLUDED.changed_at""")
                .param("context", rate.boundedContext())
                .param("type", rate.intentType())
                .param("basisPoints", rate.basisPoints())
                .param("changedBy", changedBy)
                .param("changedAt", OffsetDateTime.ofInstant(changedAt, ZoneOffset.UTC))
                .update();
    }
}
