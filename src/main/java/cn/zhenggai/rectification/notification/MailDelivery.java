package cn.zhenggai.rectification.notification;

import cn.zhenggai.rectification.vocabulary.EngineClock;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends recorded notices, outside anybody's transaction: a person completing a task never waits for SMTP. Each
 * notice is claimed by one node before it is sent; a failure is retried with growing waits and after the last attempt
 * marked failed (visible on the case, and an operator can send it again). Without a mail server configured the
 * notices are marked "not sent" and everything else runs as usual.
 */
@Component
class MailDelivery {

  private static final Logger LOG = LoggerFactory.getLogger(MailDelivery.class);

  static {
    // Unless named, Jakarta Mail finds its stream provider by scanning the whole class path, again for every part of
    // every message (jakartaee/mail-api#861): the sender spent most of its time reading jar entries.
    System.getProperties().putIfAbsent(StreamProvider.class.getName(), MailStreamProvider.class.getName());
  }

  private final JdbcTemplate jdbc;
  private final ObjectProvider<JavaMailSender> mailServer;
  private final NotificationProperties.Mail settings;

  MailDelivery(JdbcTemplate jdbc, ObjectProvider<JavaMailSender> mailServer, NotificationProperties properties) {
    this.jdbc = jdbc;
    this.mailServer = mailServer;
    this.settings = properties.mail();
  }

  @Scheduled(fixedDelayString = "${rectification.mail.poll-interval}")
  void deliverDue() {
    try {
      deliverDue(EngineClock.now());
    } catch (DataAccessResourceFailureException e) {
      LOG.warn("数据库暂时无法连接，待发邮件稍后再发（{}）", e.getMostSpecificCause().getMessage());
    }
  }

  private void deliverDue(Date now) {
    // a node that died while sending: its notice goes out again (the only case where one might arrive twice)
    jdbc.update("update notification set status = ? where status = ? and claimed_at < ?", NoticeStatus.PENDING.name(),
        NoticeStatus.SENDING.name(), timestamp(now, settings.claimTimeout().negated()));
    List<Long> due = jdbc.queryForList(
        "select id from notification where status = ? and next_attempt_at <= ? order by id", Long.class,
        NoticeStatus.PENDING.name(), timestamp(now, Duration.ZERO));
    due.forEach(id -> deliver(id, now));
  }

  private void deliver(long id, Date now) {
    boolean claimed = jdbc.update(
        "update notification set status = ?, claimed_at = ?, attempts = attempts + 1 where id = ? and status = ?",
        NoticeStatus.SENDING.name(), timestamp(now, Duration.ZERO), id, NoticeStatus.PENDING.name()) == 1;
    if (!claimed) {
      return; // another node has it
    }
    Map<String, Object> notice = jdbc.queryForMap("select * from notification where id = ?", id);
    JavaMailSender server = mailServer.getIfAvailable();
    if (server == null) {
      finish(id, NoticeStatus.NOT_SENT.name(), "未配置邮件服务器（spring.mail.host）", now);
      return;
    }
    try {
      server.send(message(server, notice));
      finish(id, NoticeStatus.SENT.name(), null, now);
      LOG.info("已发送{}：{} → {}", notice.get("kind"), notice.get("subject"), notice.get("recipient_email"));
    } catch (MailException | MessagingException e) {
      int attempts = ((Number) notice.get("attempts")).intValue();
      String error = String.valueOf(e.getMessage());
      if (attempts >= settings.maxAttempts()) {
        finish(id, NoticeStatus.FAILED.name(), error, now);
        LOG.warn("发送失败，已重试 {} 次，不再重试：{}（{}）", attempts, notice.get("subject"), error);
      } else {
        Duration wait = settings.retryBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        jdbc.update("update notification set status = ?, last_error = ?, next_attempt_at = ? where id = ?",
            NoticeStatus.PENDING.name(), truncate(error), timestamp(now, wait), id);
        LOG.info("发送失败，{} 后重试（第 {} 次）：{}", wait, attempts, error);
      }
    }
  }

  private MimeMessage message(JavaMailSender server, Map<String, Object> notice) throws MessagingException {
    MimeMessage message = server.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
    helper.setFrom(settings.from());
    helper.setTo((String) notice.get("recipient_email"));
    helper.setSubject((String) notice.get("subject"));
    helper.setText((String) notice.get("text_body"), (String) notice.get("html_body"));
    message.setHeader("X-Rectification-Notice", (String) notice.get("dedup_key"));
    return message;
  }

  private void finish(long id, String status, String error, Date now) {
    jdbc.update("update notification set status = ?, last_error = ?, sent_at = ? where id = ?", status,
        truncate(error), status.equals(NoticeStatus.SENT.name()) ? timestamp(now, Duration.ZERO) : null, id);
  }

  private static String truncate(String error) {
    return error == null || error.length() <= 2000 ? error : error.substring(0, 2000);
  }

  private static Timestamp timestamp(Date now, Duration offset) {
    return new Timestamp(now.getTime() + offset.toMillis());
  }
}
