package dev.parallelrun.reconciliation.evidence.application;

import dev.parallelrun.reconciliation.evidence.domain.SignOff;
import java.util.List;

/** Where sign-offs are kept: append-only, a signature once given is never changed or removed. */
public interface SignOffLedger {

    void add(SignOff signOff);

    /** A context's sign-offs, oldest first. */
    List<SignOff> ofContext(String context);
}
