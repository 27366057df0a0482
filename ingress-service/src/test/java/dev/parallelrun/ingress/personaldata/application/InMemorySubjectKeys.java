package dev.parallelrun.ingress.personaldata.application;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The port as a list, for tests; the race-safety of the real one is tested on PostgreSQL. */
final class InMemorySubjectKeys implements SubjectKeys {

    final List<SubjectKey> rows = new ArrayList<>();
    boolean failing;

    @Override
    public synchronized Optional<SubjectKey> live(String subjectRef) {
        check();
        return rows.stream().filter(key -> key.subjectRef().equals(subjectRef) && !key.destroyed()).findFirst();
    }

    @Override
    public synchronized boolean insertIfNoLiveKey(String subjectRef, byte[] key, Instant createdAt) {
        check();
        if (live(subjectRef).isPresent()) {
            return false;
        }
        rows.add(new SubjectKey(subjectRef, all(subjectRef).size() + 1, key, createdAt, null));
        return true;
    }

    @Override
    public synchronized Optional<SubjectKey> find(String subjectRef, int generation) {
        return all(subjectRef).stream().filter(key -> key.generation() == generation).findFirst();
    }

    @Override
    public synchronized List<SubjectKey> all(String subjectRef) {
        return rows.stream().filter(key -> key.subjectRef().equals(subjectRef)).toList();
    }

    @Override
    public synchronized boolean destroyLive(String subjectRef, Instant destroyedAt, String destroyedBy) {
        Optional<SubjectKey> live = live(subjectRef);
        live.ifPresent(key -> rows.set(rows.indexOf(key),
                new SubjectKey(subjectRef, key.generation(), null, key.createdAt(), destroyedAt)));
        return live.isPresent();
    }

    private void check() {
        if (failing) {
            throw new IllegalStateException("the database is down");
        }
    }
}
