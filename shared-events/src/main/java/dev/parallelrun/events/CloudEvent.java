package dev.parallelrun.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A CloudEvents 1.0 event in structured JSON mode: the envelope of every message on every topic.
 *
 * <p>The extension attributes are the platform's own: {@code correlationid} names the business
 * transaction (identical on both sides of a parallel run), {@code causationid} the event this one
 * reacts to. Outcome events also carry {@code side}, {@code outcometype} and {@code outcomestatus}.
 * Intents and outcomes may carry {@code authority} and {@code authoritydecision}; an intent left out of the
 * parallel run by sampling carries {@code sampled=false}; replayed intents carry {@code replay} and
 * {@code replayid}; a fallback intent (legacy asked to execute for real after the authoritative new service failed)
 * and its outcomes carry {@code fallback=true}. Attributes that do not apply are absent from the JSON, never {@code null}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(
        @JsonProperty(Attributes.SPEC_VERSION) String specVersion,
        @JsonProperty(Attributes.ID) String id,
        @JsonProperty(Attributes.TYPE) String type,
        @JsonProperty(Attributes.SOURCE) String source,
        @JsonProperty(Attributes.TIME) Instant time,
        @JsonProperty(Attributes.DATA_CONTENT_TYPE) String dataContentType,
        @JsonProperty(Attributes.CORRELATION_ID) String correlationId,
        @JsonProperty(Attributes.CAUSATION_ID) String causationId,
        @JsonProperty(Attributes.BOUNDED_CONTEXT) String boundedContext,
        @JsonProperty(Attributes.SIDE) String side,
        @JsonProperty(Attributes.OUTCOME_TYPE) String outcomeType,
        @JsonProperty(Attributes.OUTCOME_STATUS) String outcomeStatus,
        @JsonProperty(Attributes.REPLAY) Boolean replay,
        @JsonProperty(Attributes.REPLAY_ID) String replayId,
        @JsonProperty(Attributes.REPLAY_KIND) String replayKind,
        @JsonProperty(Attributes.AUTHORITY) String authority,
        @JsonProperty(Attributes.AUTHORITY_DECISION) String authorityDecision,
        @JsonProperty(Attributes.SAMPLED) Boolean sampled,
        @JsonProperty(Attributes.FALLBACK) Boolean fallback,
        @JsonProperty(Attributes.DATA) JsonNode data) {

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String JSON = "application/json";

    /** An intent as the ingress publishes it. */
    public static CloudEvent intent(String id, String type, String source, Instant time,
            String correlationId, String boundedContext, JsonNode data) {
        return new CloudEvent(SPEC_VERSION_1_0, id, type, source, time, JSON, correlationId, null,
                boundedContext, null, null, null, null, null, null, null, null, null, null, data);
    }

    /** An outcome: what one side decided in reaction to an intent. */
    public static CloudEvent outcome(String id, String type, String source, Instant time,
            String correlationId, String causationId, String boundedContext, Side side,
            String outcomeType, OutcomeStatus status, JsonNode data) {
        return new CloudEvent(SPEC_VERSION_1_0, id, type, source, time, JSON, correlationId, causationId,
                boundedContext, side.wireName(), outcomeType, status.wireName(), null, null, null, null, null, null, null, data);
    }

    /** A platform-internal fact, such as a reconciliation verdict. */
    public static CloudEvent fact(String id, String type, String source, Instant time,
            String correlationId, String boundedContext, JsonNode data) {
        return new CloudEvent(SPEC_VERSION_1_0, id, type, source, time, JSON, correlationId, null,
                boundedContext, null, null, null, null, null, null, null, null, null, null, data);
    }

    /** The same event marked as a replay of an earlier intent, without a replay id. */
    public CloudEvent asReplay() {
        return asReplay(null);
    }

    /** The same event marked as a replay, naming the replay that produced it. */
    public CloudEvent asReplay(String replayId) {
        return new CloudEvent(specVersion, id, type, source, time, dataContentType, correlationId, causationId,
                boundedContext, side, outcomeType, outcomeStatus, Boolean.TRUE, replayId, replayKind, authority,
                authorityDecision, sampled, fallback, data);
    }

    /** The same event stamped with the side whose side effects are real, and the decision that said so. */
    public CloudEvent withAuthority(Side authoritative, String decisionId) {
        return new CloudEvent(specVersion, id, type, source, time, dataContentType, correlationId, causationId,
                boundedContext, side, outcomeType, outcomeStatus, replay, replayId, replayKind,
                authoritative == null ? null : authoritative.wireName(), decisionId, sampled, fallback, data);
    }

    /**
     * The same intent marked as in or out of the parallel run's sample. Only {@code false} is written: an
     * intent in the sample carries no attribute, as before sampling existed.
     */
    public CloudEvent withSampled(boolean inSample) {
        return new CloudEvent(specVersion, id, type, source, time, dataContentType, correlationId, causationId,
                boundedContext, side, outcomeType, outcomeStatus, replay, replayId, replayKind, authority, authorityDecision,
                inSample ? null : Boolean.FALSE, fallback, data);
    }

    /**
     * The fallback of an intent: legacy is asked to execute it for real because the authoritative new service failed
     * or did not answer in time. A new event (the given id, deterministic in the original's, so a fallback is
     * requested at most once), the same correlation id, caused by the original intent, legacy authoritative,
     * {@code fallback=true}. The new service never processes a fallback; reconciliation does not compare it.
     */
    public CloudEvent asFallback(String fallbackId, Instant requestedAt) {
        return new CloudEvent(specVersion, fallbackId, type, source, requestedAt, dataContentType, correlationId, id,
                boundedContext, side, outcomeType, outcomeStatus, replay, replayId, replayKind, Side.LEGACY.wireName(),
                authorityDecision, sampled, Boolean.TRUE, data);
    }

    /**
     * The same outcome carrying the attributes of the intent it answers that say how it counts: who was authoritative
     * and by which decision, whether it is a replay (and which), whether it answers a fallback.
     */
    public CloudEvent inheriting(CloudEvent intent) {
        return new CloudEvent(specVersion, id, type, source, time, dataContentType, correlationId, causationId,
                boundedContext, side, outcomeType, outcomeStatus, intent.replay, intent.replayId, intent.replayKind, intent.authority,
                intent.authorityDecision, sampled, intent.fallback, data);
    }

    /** Whether this is a fallback intent, or an outcome answering one. */
    public boolean isFallback() {
        return Boolean.TRUE.equals(fallback);
    }

    /** Whether the new service processes this intent: everything but an explicit {@code sampled=false}. */
    public boolean inSample() {
        return !Boolean.FALSE.equals(sampled);
    }

    /**
     * A replay of this intent: a new event (the given id) under a new correlation id, caused by this one, published at
     * {@code time}, carrying {@code replay=true}, the replay's id and its kind. The original's authority stamp stays
     * (a replay never has real side effects whatever it names); the original's sampling mark is dropped (a replay is
     * always processed by both sides).
     */
    public CloudEvent replayedAs(String replayEventId, String replayCorrelationId, String replayId, ReplayKind kind,
            Instant replayTime) {
        return new CloudEvent(specVersion, replayEventId, type, source, replayTime, dataContentType, replayCorrelationId,
                id, boundedContext, side, outcomeType, outcomeStatus, Boolean.TRUE, Objects.requireNonNull(replayId),
                kind.wireName(), authority, authorityDecision, null, null, data);
    }

    /**
     * What kind of replay this event belongs to: {@link ReplayKind#REPLAY} for a replay without an explicit kind,
     * {@code null} for no replay at all.
     */
    public ReplayKind replayKindOrDefault() {
        return isReplay() ? ReplayKind.fromWire(replayKind) : null;
    }

    /** Whether this event is a replay of an earlier one. */
    public boolean isReplay() {
        return Boolean.TRUE.equals(replay);
    }

    /** The authoritative side named on this event, or {@code null} when none is stamped. */
    public Side authoritySide() {
        return authority == null ? null : Side.fromWire(authority);
    }

    /** The side of an outcome event; fails on events that are not outcomes. */
    public Side outcomeSide() {
        return Side.fromWire(Objects.requireNonNull(side, "not an outcome event: no side"));
    }

    /** The status of an outcome event; fails on events that are not outcomes. */
    public OutcomeStatus status() {
        return OutcomeStatus.fromWire(Objects.requireNonNull(outcomeStatus, "not an outcome event: no outcomestatus"));
    }
}
