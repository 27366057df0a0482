package dev.parallelrun.legacysystem.posting.domain;

import java.time.Instant;

/**
 * One real posting of the platform: what a request decided for real, once per request key.
 *
 * @param businessId the claim number or the quote number
 * @param status     the legacy status the posting was made with, e.g. {@code 00}, {@code Q1}
 * @param amountCents a claim's payment ({@code PAY_AMT}), a quote's gross premium ({@code GROSS_PREM})
 */
public record Posting(long id, String reqKey, PostingKind kind, String businessId, String status, long amountCents,
        Instant postedAt) {
}
