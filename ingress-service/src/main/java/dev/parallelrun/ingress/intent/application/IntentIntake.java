package dev.parallelrun.ingress.intent.application;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.Side;
import dev.parallelrun.events.IntentType;
import dev.parallelrun.ingress.authority.application.AuthorityNotKnownException;
import dev.parallelrun.ingress.authority.application.IntentAuthority;
import dev.parallelrun.ingress.authority.domain.AuthorityStamp;
import dev.parallelrun.ingress.intent.domain.IdempotencyRecord;
import dev.parallelrun.ingress.intent.schema.IntentCatalog;
import dev.parallelrun.ingress.intent.domain.IntentIds;
import dev.parallelrun.ingress.intent.schema.RegisteredIntent;
import dev.parallelrun.ingress.intent.domain.RequestFingerprint;
import dev.parallelrun.ingress.intent.schema.Violation;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Accepts an intent: checks it against its type's schema, assigns its ids, publishes it and answers
 * only once the broker acknowledged it.
 *
 * <p>With an idempotency key, the idempotency record is inserted and the event published inside one
 * database transaction. The insert ({@code ON CONFLICT DO NOTHING}) takes the row lock on the
 * (channel, key) pair, so a concurrent duplicate waits until the first request commits (then answers
 * with the first response) or rolls back (then goes ahead itself). When the broker does not
 * acknowledge, the transaction rolls back: no record is left, and the retry publishes the same event
 * id, so consumers de-duplicate an event that the broker took after the ingress stopped waiting.
 * The transaction is held at most for the bounded publish time.
 *
 * <p>The published data is the body with its personal fields encrypted ({@link IntentDataProtection}). The
 * request fingerprint (idempotency, derived ids) is a SHA-256 of the body with each personal value replaced by a
 * keyed hash of it ({@link IntentDataProtection#pseudonymise}): a retry is recognised although its ciphertext
 * differs (the retry republishes the same event id, which consumers drop), and neither the stored fingerprint nor
 * an id derived from it confirms a guess of someone's name or address to whoever lacks the ingress's secret.
 *
 * <p>An intent that sampling ({@link IntentSampling}) leaves out of the parallel run is published with
 * {@code sampled=false}: the legacy side processes it, the new service skips it.
 *
 * <p>Every intent published is stamped with the authority decision in force for it ({@link IntentAuthority}):
 * {@code authority} (the side whose side effects are real) and {@code authoritydecision}, from its context's latest
 * decision, its top-level {@code productLine} and {@code region} and its channel; an intent of a context without a
 * decision is not stamped (legacy's). The stamp is decided here, once: a retry answered from the idempotency record
 * returns the event published the first time, stamp included. Until the decisions in force at start-up are read, no
 * intent is accepted ({@link AuthorityNotKnownException}, a 503).
 *
 * <p>Every intent also claims its correlation id ({@link CorrelationClaims}) in the same transaction,
 * before it is published: a correlation id that already names another intent (from any channel) is
 * refused with {@link CorrelationIdConflictException}, and nothing is published. A retry of the same
 * intent (same event id) may claim it again. With an idempotency key, the record and the claim are one statement
 * ({@link IdempotencyRecords#insertIfAbsentAndClaim}: one database round trip fewer per intent). Without an idempotency
 * key the claim and the publish share
 * a transaction too, so a failed publish leaves no claim behind; the event id of such a request with a
 * correlation id is derived from (channel, correlation id, request fingerprint), so its retry is the same
 * intent, not a conflict, and republishes the same event.
 */
public class IntentIntake {

    private static final Logger log = LoggerFactory.getLogger(IntentIntake.class);

    private final IntentCatalog catalog;
    private final IntentPublisher publisher;
    private final IdempotencyRecords records;
    private final CorrelationClaims claims;
    private final TransactionTemplate transaction;
    private final IngressMetrics metrics;
    private final IntentSampling sampling;
    private final IntentDataProtection protection;
    private final IntentAuthority authority;
    private final Clock clock;

    public IntentIntake(IntentCatalog catalog, IntentPublisher publisher, IdempotencyRecords records,
            CorrelationClaims claims, TransactionTemplate transaction, IngressMetrics metrics, IntentSampling sampling,
            IntentDataProtection protection, IntentAuthority authority, Clock clock) {
        this.catalog = catalog;
        this.publisher = publisher;
        this.records = records;
        this.claims = claims;
        this.transaction = transaction;
        this.metrics = metrics;
        this.sampling = sampling;
        this.protection = protection;
        this.authority = authority;
        this.clock = clock;
    }

    /**
     * Accepts the intent.
     *
     * @throws dev.parallelrun.ingress.intent.domain.UnknownIntentTypeException when the type is not registered
     * @throws IntentNotPermittedException when the channel may not post this type
     * @throws IntentRejectedException     when the body violates the schema
     * @throws IdempotencyConflictException when the key was used for a different request
     * @throws CorrelationIdConflictException when the correlation id already names another intent
     * @throws IntentNotDurableException   when the broker did not acknowledge in bounded time
     * @throws AuthorityNotKnownException  while the authority decisions in force are not read yet
     */
    public AcceptedIntent accept(IntentRequest request) {
        RegisteredIntent intent = catalog.get(request.intentType());
        IntentType type = intent.type();
        if (!request.channel().mayPost(type.name())) {
            throw new IntentNotPermittedException(request.channel().name(), type.name());
        }
        List<Violation> violations = intent.schema().validate(request.body());
        if (!violations.isEmpty()) {
            throw new IntentRejectedException(type.name(), violations);
        }
        authority.requireKnown();
        // before any transaction: a subject's new key is stored whether or not this publish succeeds
        JsonNode data = protection.protect(intent.schema(), request.body());
        // the fingerprint sees personal values only through a keyed hash: the ids derived from it are published
        String fingerprint = RequestFingerprint.of(type.eventType(), protection.pseudonymise(intent.schema(),
                request.body()));
        AcceptedIntent accepted = request.idempotencyKey() == null
                ? publishOnce(request, type, data, fingerprint)
                : publishIdempotently(request, type, data, fingerprint);
        metrics.accepted(accepted.type(), accepted.replayed());
        return accepted;
    }

    private AcceptedIntent publishOnce(IntentRequest request, IntentType type, JsonNode data, String fingerprint) {
        String correlationId;
        String eventId;
        if (request.correlationId() != null) {
            // derived, so a retry of a request answered 503 republishes the same event, which consumers drop
            correlationId = request.correlationId();
            eventId = IntentIds.eventIdOfCorrelation(request.channel().name(), correlationId,
                    fingerprint);
        } else {
            correlationId = IntentIds.random();
            eventId = IntentIds.random();
        }
        return transaction.execute(status -> {
            claimCorrelationId(request, correlationId, eventId);
            publish(request, type, eventId, correlationId, data);
            return new AcceptedIntent(correlationId, eventId, type.eventType(), false);
        });
    }

    private AcceptedIntent publishIdempotently(IntentRequest request, IntentType type, JsonNode data,
            String fingerprint) {
        String channel = request.channel().name();
        String key = request.idempotencyKey();
        String eventId = IntentIds.eventId(channel, key, fingerprint);
        String correlationId = request.correlationId() != null
                ? request.correlationId()
                : IntentIds.correlationId(channel, key, fingerprint);
        IdempotencyRecord record = new IdempotencyRecord(channel, key, fingerprint, correlationId, eventId,
                type.eventType(), clock.instant());
        return transaction.execute(status -> {
            Optional<String> holder = records.insertIfAbsentAndClaim(record);
            if (holder.isPresent()) {
                requireHeldBy(holder.get(), correlationId, eventId);
                publish(request, type, eventId, correlationId, data);
                return new AcceptedIntent(correlationId, eventId, type.eventType(), false);
            }
            IdempotencyRecord earlier = records.find(channel, key).orElseThrow(() -> new IntentNotDurableException(
                    "the idempotency record of key '" + key + "' expired while this request waited for it", null));
            if (!earlier.requestHash().equals(fingerprint)) {
                throw new IdempotencyConflictException(key);
            }
            log.debug("Answering a retry of idempotency key {} of channel {} with event {}", key, channel,
                    earlier.eventId());
            return new AcceptedIntent(earlier.correlationId(), earlier.eventId(), earlier.eventType(), true);
        });
    }

    private void claimCorrelationId(IntentRequest request, String correlationId, String eventId) {
        requireHeldBy(claims.claim(correlationId, eventId, request.channel().name(), clock.instant()), correlationId,
                eventId);
    }

    private static void requireHeldBy(String holder, String correlationId, String eventId) {
        if (!holder.equals(eventId)) {
            throw new CorrelationIdConflictException(correlationId);
        }
    }

    private void publish(IntentRequest request, IntentType type, String eventId, String correlationId, JsonNode data) {
        CloudEvent event = CloudEvent.intent(eventId, type.eventType(), request.channel().source(), clock.instant(),
                correlationId, type.boundedContext(), data);
        // from the body as posted: productLine and region are plain fields, never encrypted
        Optional<AuthorityStamp> stamp = authority.stampFor(type.boundedContext(), request.body(),
                request.channel().name());
        if (stamp.isPresent()) {
            event = event.withAuthority(stamp.get().side(), stamp.get().decisionId());
        }
        // sampling thins out the comparison, never the authoritative path: an intent the new service is authoritative
        // for is always its to process
        boolean shadowAuthoritative = stamp.isPresent() && stamp.get().side() == Side.SHADOW;
        boolean inSample = shadowAuthoritative || sampling.inSample(type, correlationId);
        if (!inSample) {
            event = event.withSampled(false); // the new service skips it; reconciliation expects no shadow outcome
        }
        long started = System.nanoTime();
        boolean acknowledged = false;
        try {
            publisher.publish(type.topic(), correlationId, event);
            acknowledged = true;
            metrics.sampled(type, inSample);
        } finally {
            metrics.published(type.eventType(), acknowledged, Duration.ofNanos(System.nanoTime() - started));
        }
    }
}
