package cn.zhenggai.rectification.rounds;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A rectification round (整改批次) as the table {@code case_round} holds it; {@code lookBackAfter} is its own look-back
 * period (ISO-8601, e.g. P3M), null for the configured one.
 */
public record Round(
    String code,
    String name,
    String kind,
    LocalDate heldOn,
    LocalDate defaultDeadline,
    String sourceName,
    String sourceText,
    RoundStatus status,
    String createdBy,
    Instant createdAt,
    Instant publishedAt,
    String publishedBy,
    Instant closedAt,
    String carriedInto,
    String lookBackAfter) {

  public boolean isDraft() {
    return status == RoundStatus.DRAFT;
  }
}
