package dev.parallelrun.reconciliation.evidence.web;

import dev.parallelrun.reconciliation.evidence.application.EvidencePacks;
import dev.parallelrun.reconciliation.evidence.application.EvidenceSignOffs;
import dev.parallelrun.reconciliation.evidence.application.SignOffRejectedException;
import dev.parallelrun.reconciliation.evidence.domain.EvidenceDigest;
import dev.parallelrun.reconciliation.evidence.domain.EvidencePack;
import dev.parallelrun.reconciliation.evidence.domain.EvidencePeriod;
import dev.parallelrun.reconciliation.evidence.domain.SignOff;
import dev.parallelrun.reconciliation.web.InvalidQueryException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/v1/evidence/{context}?from=&to=}: the cutover evidence pack, JSON unless the request prefers
 * {@code text/html} (a browser does), then a printable report of the same pack; {@code POST .../sign-offs} signs a
 * pack by its digest, {@code GET .../sign-offs} lists who signed what. Each read logs who read which pack: the
 * evidence of a cutover is itself audited.
 */
@RestController
@RequestMapping("/api/v1/evidence/{context}")
class EvidenceController {

    private static final Logger log = LoggerFactory.getLogger(EvidenceController.class);
    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    private final EvidencePacks packs;
    private final EvidenceSignOffs signOffs;
    private final Clock clock;

    EvidenceController(EvidencePacks packs, EvidenceSignOffs signOffs, Clock clock) {
        this.packs = packs;
        this.signOffs = signOffs;
        this.clock = clock;
    }

    @GetMapping
    ResponseEntity<?> pack(@PathVariable String context, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestHeader(name = "Accept", required = false) String accept,
            Principal reader) {
        EvidencePeriod period;
        try {
            period = EvidencePeriod.of(parseInstant("from", from), parseInstant("to", to), clock.instant());
        } catch (EvidencePeriod.InvalidPeriodException e) {
            throw new InvalidQueryException(e.parameter(), e.getMessage().substring(e.parameter().length() + 1));
        }
        ObjectNode pack = packs.assemble(context, period);
        boolean html = prefersHtml(accept);
        log.info("evidence pack read: user={} context={} from={} to={} format={} digest={}", reader.getName(), context,
                period.from(), period.to(), html ? "html" : "json", pack.get(EvidenceDigest.DIGEST).asString());
        if (html) {
            return ResponseEntity.ok().contentType(HTML).body(EvidenceReport.render(pack));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(pack);
    }

    @PostMapping("/sign-offs")
    ResponseEntity<ObjectNode> signOff(@PathVariable String context, @RequestBody SignOffRequest request,
            Principal signer) {
        SignOff signOff = signOffs.sign(context, request.digest(), request.note(), bodyInstant("from", request.from()),
                bodyInstant("to", request.to()), signer.getName());
        log.info("evidence pack signed: user={} context={} from={} to={} digest={} signOffId={}", signer.getName(),
                context, signOff.from(), signOff.to(), signOff.digest(), signOff.signOffId());
        return ResponseEntity.status(HttpStatus.CREATED).body(EvidencePack.signOffNode(signOff));
    }

    @GetMapping("/sign-offs")
    SignOffList signOffs(@PathVariable String context, Principal reader) {
        List<ObjectNode> items = signOffs.ofContext(context).stream().map(EvidencePack::signOffNode).toList();
        log.info("evidence sign-offs read: user={} context={} count={}", reader.getName(), context, items.size());
        return new SignOffList(items);
    }

    /**
     * Whether the request prefers HTML to JSON: the quality the Accept header gives {@code text/html} is higher than
     * the one it gives {@code application/json} (a bare {@code * / *} gives both the same, and JSON wins ties).
     */
    static boolean prefersHtml(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        return quality(accepted, MediaType.TEXT_HTML) > quality(accepted, MediaType.APPLICATION_JSON);
    }

    /** The quality of the most specific accepted range that includes the type (RFC 9110, 12.5.1). */
    private static double quality(List<MediaType> accepted, MediaType type) {
        MediaType best = null;
        for (MediaType range : accepted) {
            if (range.includes(type) && (best == null || specificity(range) > specificity(best))) {
                best = range;
            }
        }
        return best == null ? 0 : best.getQualityValue();
    }

    private static int specificity(MediaType range) {
        return range.isWildcardType() ? 0 : range.isWildcardSubtype() ? 1 : 2;
    }

    private static Instant parseInstant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidQueryException(name, "must be an ISO-8601 UTC instant such as 2026-11-01T00:00:00Z");
        }
    }

    private static Instant bodyInstant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new SignOffRejectedException(name, "must be an ISO-8601 UTC instant such as 2026-11-01T00:00:00Z");
        }
    }

    /**
     * A request to sign the pack of a context and period.
     *
     * @param digest the digest of the pack read (its {@code digest} member)
     * @param from   the period's start, as in the pack's {@code period.from}
     * @param to     the period's end, as in the pack's {@code period.to}; must be in the past
     */
    record SignOffRequest(String digest, String note, String from, String to) {
    }

    /** A context's sign-offs, oldest first. */
    record SignOffList(List<ObjectNode> items) {
    }
}
