package cn.zhenggai.rectification.notification;

import cn.zhenggai.rectification.vocabulary.EngineClock;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessResourceFailureException;
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

  private final Outbox outbox;
  private final ObjectProvider<JavaMailSender> mailServer;
  private final NotificationProperties.Mail settings;

  MailDelivery(Outbox outbox, ObjectProvider<JavaMailSender> mailServer, NotificationProperties properties) {
    this.outbox = outbox;
    this.mailServer = mailServer;
    this.settings = properties.mail();
  }

  @Scheduled(fixedDelayString = "${rectification.mail.poll-interval}")
  void deliverDue() {
    try {
      // each mail claimed at its own reading of the clock, as ChannelDelivery does (why: there)
      outbox.due(List.of(NoticeChannel.EMAIL), settings.claimTimeout(), EngineClock.now())
          .forEach(id -> deliver(id, EngineClock.now()));
    } catch (DataAccessResourceFailureException e) {
      LOG.warn("数据库暂时无法连接，待发邮件稍后再发（{}）", e.getMostSpecificCause().getMessage());
    }
  }

  private void deliver(long id, Date now) {
    Optional<Outbox.Claimed> claimed = outbox.claim(id, now);
    if (claimed.isEmpty()) {
      return; // another node has it
    }
    Outbox.Claimed notice = claimed.get();
    JavaMailSender server = mailServer.getIfAvailable();
    if (server == null) {
      outbox.notSent(notice, "未配置邮件服务器（spring.mail.host）");
      return;
    }
    try {
      server.send(message(server, notice));
      outbox.sent(notice, now);
      LOG.info("已发送{}：{} → {}", notice.kindLabel(), notice.text("subject"), notice.text("recipient_email"));
    } catch (MailException | MessagingException e) {
      String error = String.valueOf(e.getMessage());
      Duration wait = outbox.failed(notice, error, settings.maxAttempts(), settings.retryBackoff(), now);
      if (wait == null) {
        LOG.warn("发送失败，已重试 {} 次，不再重试：{}（{}）", notice.attempts(), notice.text("subject"), error);
      } else {
        LOG.info("发送失败，{} 后重试（第 {} 次）：{}", wait, notice.attempts(), error);
      }
    }
  }

  private MimeMessage message(JavaMailSender server, Outbox.Claimed notice) throws MessagingException {
    MimeMessage message = server.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
    helper.setFrom(settings.from());
    helper.setTo(notice.text("recipient_email"));
    helper.setSubject(notice.text("subject"));
    helper.setText(notice.text("text_body"), notice.text("html_body"));
    message.setHeader("X-Rectification-Notice", notice.text("dedup_key"));
    return message;
  }
}
