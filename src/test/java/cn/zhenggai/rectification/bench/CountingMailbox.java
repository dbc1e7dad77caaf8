package cn.zhenggai.rectification.bench;

import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one mailbox of the benchmark's GreenMail server: counts each received mail by its notice
 * ({@code X-Rectification-Notice}, the notification's dedup key) and keeps nothing else, so tens of thousands of mails
 * fit in the benchmark's heap. GreenMail still speaks SMTP and parses every message as it does for any mailbox.
 */
final class CountingMailbox implements GreenMailUser {

  private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();

  /** How many mails of this notice arrived. */
  int count(String noticeKey) {
    AtomicInteger count = received.get(noticeKey);
    return count == null ? 0 : count.get();
  }

  @Override
  public void deliver(MovingMessage message) {
    deliver(message.getMessage());
  }

  @Override
  public void deliver(MimeMessage message) {
    String key;
    try {
      key = message.getHeader("X-Rectification-Notice", null);
    } catch (MessagingException e) {
      throw new IllegalStateException("unreadable mail", e);
    }
    received.computeIfAbsent(String.valueOf(key), k -> new AtomicInteger()).incrementAndGet();
  }

  @Override
  public String getEmail() {
    return "benchmark@example.org";
  }

  @Override
  public String getLogin() {
    return "benchmark";
  }

  @Override
  public void create() {}

  @Override
  public void delete() {}

  @Override
  public String getPassword() {
    return "";
  }

  @Override
  public void setPassword(String password) {}

  @Override
  public void authenticate(String password) {}

  @Override
  public String getQualifiedMailboxName() {
    return "benchmark";
  }
}
