package cn.zhenggai.rectification.rounds;

import java.time.Instant;
import java.time.LocalDate;

/** A rectification round (整改批次) as the table {@code case_round} holds it. */
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
    String carriedInto) {

  public boolean isDraft() {
    return status == RoundStatus.DRAFT;
  }
}
