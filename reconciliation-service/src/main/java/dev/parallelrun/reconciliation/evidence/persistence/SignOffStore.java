package dev.parallelrun.reconciliation.evidence.persistence;

import dev.parallelrun.reconciliation.evidence.application.SignOffLedger;
import dev.parallelrun.reconciliation.evidence.domain.SignOff;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Sign-offs in {@code evidence_sign_off}, which the database keeps append-only (V6). */
@Repository
class SignOffStore implements SignOffLedger {

    private final JdbcTemplate jdbc;

    SignOffStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(SignOff signOff) {
        jdbc.update("INSERT INTO evidence_sign_off (sign_off_id, context, digest, note, period_from, period_to, "
                + "signed_by, signed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", UUID.fromString(signOff.signOffId()),
                signOff.context(), signOff.digest(), signOff.note(), Timestamp.from(signOff.from()),
                Timestamp.from(signOff.to()), signOff.signedBy(), Timestamp.from(signOff.signedAt()));
    }

    @Override
    public List<SignOff> ofContext(String context) {
        return jdbc.query("SELECT sign_off_id, context, digest, note, period_from, period_to, signed_by, signed_at "
                + "FROM evidence_sign_off WHERE context = ? ORDER BY signed_at, sign_off_id", this::mapRow, context);
    }

    private SignOff mapRow(ResultSet rs, int row) throws SQLException {
        return new SignOff(rs.getString("sign_off_id"), rs.getString("context"), rs.getString("digest"),
                rs.getString("note"), instant(rs, "period_from"), instant(rs, "period_to"), rs.getString("signed_by"),
                instant(rs, "signed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }
}
