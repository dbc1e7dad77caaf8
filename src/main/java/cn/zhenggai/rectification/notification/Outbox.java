package cn.zhenggai.rectification.notification;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The steps every sender takes with the recorded notices of its channels: find the due ones, claim one (only one node
 * wins), then mark it sent, not sent, failed for good, due again after a growing wait, or put back unsent.
 */
@Component
class Outbox {

  /** A claimed notice: its row, and how many attempts it has had, this one included. */
  record Claimed(long id, Map<String, Object> row, int attempts) {

    String text(String column) {
      return (String) row.get(column);
    }

    /** What kind of notice it is, in words (for the log). */
    String kindLabel() {
      return NoticeKind.valueOf(text("kind")).label();
    }
  }

  private final JdbcTemplate jdbc;

  Outbox(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The due notices of these channels, oldest first, after putting back those a node claimed longer than claimTimeout
   * ago (it died while sending: the only case where one might arrive twice).
   */
  List<Long> due(Collection<NoticeChannel> channels, Duration claimTimeout, Date now) {
    String in = "channel in (" + String.join(",", Collections.nCopies(channels.size(), "?")) + ")";
    Object[] names = channels.stream().map(Enum::name).toArray();
    jdbc.update("update notification set status = '" + NoticeStatus.PENDING.name() + "' where status = '"
        + NoticeStatus.SENDING.name() + "' and claimed_at < ? and " + in, concat(at(now, claimTimeout.negated()), names));
    return jdbc.queryForList("select id from notification where status = '" + NoticeStatus.PENDING.name()
        + "' and next_attempt_at <= ? and " + in + " order by id", Long.class, concat(at(now, Duration.ZERO), names));
  }

  /** Claims the notice for this node, counting an attempt; empty when another node has it. */
  Optional<Claimed> claim(long id, Date now) {
    boolean claimed = jdbc.update(
        "update notification set status = ?, claimed_at = ?, attempts = attempts + 1 where id = ? and status = ?",
        NoticeStatus.SENDING.name(), at(now, Duration.ZERO), id, NoticeStatus.PENDING.name()) == 1;
    if (!claimed) {
      return Optional.empty();
    }
    Map<String, Object> row = jdbc.queryForMap("select * from notification where id = ?", id);
    return Optional.of(new Claimed(id, row, ((Number) row.get("attempts")).intValue()));
  }

  void sent(Claimed notice, Date now) {
    finish(notice.id(), NoticeStatus.SENT, null, now);
  }

  /** Nothing to send it with (no server configured, or the recipient has no address). */
  void notSent(Claimed notice, String reason) {
    finish(notice.id(), NoticeStatus.NOT_SENT, reason, null);
  }

  /**
   * A failed attempt: due again after retryBackoff doubled per earlier attempt, or failed for good after maxAttempts.
   * Returns the wait, or null when it failed for good.
   */
  Duration failed(Claimed notice, String error, int maxAttempts, Duration retryBackoff, Date now) {
    if (notice.attempts() >= maxAttempts) {
      finish(notice.id(), NoticeStatus.FAILED, error, null);
      return null;
    }
    Duration wait = retryBackoff.multipliedBy(1L << Math.min(notice.attempts() - 1, 20));
    jdbc.update("update notification set status = ?, last_error = ?, next_attempt_at = ? where id = ?",
        NoticeStatus.PENDING.name(), truncate(error), at(now, wait), notice.id());
    return wait;
  }

  /** Back to the queue unsent until then, the attempt not counted (a robot's turn has not come yet). */
  void postpone(Claimed notice, Date until) {
    jdbc.update("update notification set status = ?, attempts = attempts - 1, next_attempt_at = ? where id = ?",
        NoticeStatus.PENDING.name(), at(until, Duration.ZERO), notice.id());
  }

  private void finish(long id, NoticeStatus status, String error, Date sentAt) {
    jdbc.update("update notification set status = ?, last_error = ?, sent_at = ? where id = ?", status.name(),
        truncate(error), sentAt == null ? null : at(sentAt, Duration.ZERO), id);
  }

  private static Object[] concat(Object first, Object[] rest) {
    Object[] all = new Object[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  private static String truncate(String error) {
    return error == null || error.length() <= 2000 ? error : error.substring(0, 2000);
  }

  private static Timestamp at(Date now, Duration offset) {
    return new Timestamp(now.getTime() + offset.toMillis());
  }
}
