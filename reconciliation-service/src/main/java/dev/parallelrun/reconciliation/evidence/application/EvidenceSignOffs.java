package dev.parallelrun.reconciliation.evidence.application;

import dev.parallelrun.reconciliation.evidence.domain.EvidenceDigest;
import dev.parallelrun.reconciliation.evidence.domain.EvidencePeriod;
import dev.parallelrun.reconciliation.evidence.domain.SignOff;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Records that a person signed the evidence pack of a context and a closed period. The digest signed must be the
 * pack's digest recomputed at the moment of signing, so that nobody signs evidence that changed since it was read;
 * an open period's pack changes by the minute and cannot be signed at all.
 */
@Service
public class EvidenceSignOffs {

    /** The longest note a sign-off keeps. */
    public static final int MAX_NOTE_LENGTH = 4000;

    private final EvidencePacks packs;
    private final SignOffLedger store;
    private final Clock clock;

    public EvidenceSignOffs(EvidencePacks packs, SignOffLedger store, Clock clock) {
        this.packs = packs;
        this.store = store;
        this.clock = clock;
    }

    /**
     * @throws UnknownContextException   when the context has no rule set
     * @throws SignOffRejectedException  when the digest is not a SHA-256 in hex, the note too long, or the period
     *                                   missing, wrong or not closed
     * @throws DigestMismatchException   when the digest is not that of the pack of the context and period now
     */
    public SignOff sign(String context, String digest, String note, Instant from, Instant to, String signedBy) {
        packs.requireKnown(context);
        if (!EvidenceDigest.isWellFormed(digest)) {
            throw new SignOffRejectedException("digest", "must be the pack's SHA-256 digest: 64 hexadecimal digits");
        }
        if (note != null && note.length() > MAX_NOTE_LENGTH) {
            throw new SignOffRejectedException("note", "must be at most " + MAX_NOTE_LENGTH + " characters");
        }
        if (from == null || to == null) {
            throw new SignOffRejectedException(from == null ? "from" : "to",
                    "is required: a sign-off names the period of the pack it signs");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        EvidencePeriod period;
        try {
            period = EvidencePeriod.of(from, to, now);
        } catch (EvidencePeriod.InvalidPeriodException e) {
            throw new SignOffRejectedException(e.parameter(), e.getMessage().substring(e.parameter().length() + 1));
        }
        if (period.open()) {
            throw new SignOffRejectedException("to", "must be in the past: only a closed period's pack can be signed");
        }
        String signed = digest.toLowerCase(Locale.ROOT);
        String current = packs.digest(context, period);
        if (!current.equals(signed)) {
            throw new DigestMismatchException();
        }
        SignOff signOff = new SignOff(UUID.randomUUID().toString(), context, signed, note, period.from(), period.to(),
                signedBy, now);
        store.add(signOff);
        return signOff;
    }

    /** @throws UnknownContextException when the context has no rule set */
    public List<SignOff> ofContext(String context) {
        packs.requireKnown(context);
        return store.ofContext(context);
    }
}
