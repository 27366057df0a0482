package dev.parallelrun.ingress.personaldata.persistence;

import dev.parallelrun.ingress.personaldata.application.SubjectKey;
import dev.parallelrun.ingress.personaldata.application.SubjectKeys;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The subjects' keys in {@code ingress.subject_key}. Each statement runs on its own (outside the intake's
 * transaction): a key must not be rolled back with a publish that failed, or wait for one that is slow.
 */
@Repository
class JdbcSubjectKeys implements SubjectKeys {

    private static final String COLUMNS = "subject_ref, generation, key_bytes, created_at, destroyed_at";

    private final JdbcClient jdbc;

    JdbcSubjectKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<SubjectKey> live(String subjectRef) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ingress.subject_key WHERE subject_ref = :ref AND destroyed_at IS NULL")
                .param("ref", subjectRef)
                .query(JdbcSubjectKeys::key)
                .optional();
    }

    @Override
    public boolean insertIfNoLiveKey(String subjectRef, byte[] key, Instant createdAt) {
        // a concurrent insert of the same subject conflicts on the primary key (same next generation) or on the
        // one-live-key index, waits for the other to commit, then does nothing
        return jdbc.sql("""
                        INSERT INTO ingress.subject_key (subject_ref, generation, key_bytes, created_at)
                        SELECT :ref, COALESCE(MAX(generation), 0) + 1, :key, :createdAt
                        FROM ingress.subject_key WHERE subject_ref = :ref
                        ON CONFLICT DO NOTHING""")
                .param("ref", subjectRef)
                .param("key", key)
                .param("createdAt", OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC))
                .update() == 1;
    }

    @Override
    public Optional<SubjectKey> find(String subjectRef, int generation) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ingress.subject_key WHERE subject_ref = :ref AND generation = :generation")
                .param("ref", subjectRef)
                .param("generation", generation)
                .query(JdbcSubjectKeys::key)
                .optional();
    }

    @Override
    public List<SubjectKey> all(String subjectRef) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ingress.subject_key WHERE subject_ref = :ref ORDER BY generation")
                .param("ref", subjectRef)
                .query(JdbcSubjectKeys::key)
                .list();
    }

    @Override
    public boolean destroyLive(String subjectRef, Instant destroyedAt, String destroyedBy) {
        // the bytes go; PostgreSQL reclaims the old row version's space at the next vacuum (docs/personal-data.md)
        return jdbc.sql("""
                        UPDATE ingress.subject_key SET key_bytes = NULL, destroyed_at = :at, destroyed_by = :by
                        WHERE subject_ref = :ref AND destroyed_at IS NULL""")
                .param("ref", subjectRef)
                .param("at", OffsetDateTime.ofInstant(destroyedAt, ZoneOffset.UTC))
                .param("by", destroyedBy)
                .update() > 0;
    }

    private static SubjectKey key(ResultSet row, int index) throws SQLException {
        OffsetDateTime destroyedAt = row.getObject("destroyed_at", OffsetDateTime.class);
        return new SubjectKey(row.getString("subject_ref"), row.getInt("generation"), row.getBytes("key_bytes"),
                row.getObject("created_at", OffsetDateTime.class).toInstant(),
                destroyedAt == null ? null : destroyedAt.toInstant());
    }
}
