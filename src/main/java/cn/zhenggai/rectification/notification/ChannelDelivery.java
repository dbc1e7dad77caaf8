package cn.zhenggai.rectification.notification;

import cn.zhenggai.rectification.notification.NotificationProperties.Robot;
import cn.zhenggai.rectification.vocabulary.EngineClock;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Arrays;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the recorded notices of the groups' robots and the SMS, outside anybody's transaction, as
 * {@link MailDelivery} sends emails: claimed by one node, retried with growing waits, failed after the last attempt (an
 * administrator can send it again). A robot's messages wait for its turn ({@link RobotPace}): queued, never dropped.
 */
@Component
class ChannelDelivery {

  private static final Logger LOG = LoggerFactory.getLogger(ChannelDelivery.class);
  private static final List<NoticeChannel> CHANNELS = List.of(NoticeChannel.WECOM, NoticeChannel.DINGTALK, NoticeChannel.SMS);

  private final Outbox outbox;
  private final Robots robots;
  private final RobotPace pace;
  private final Map<NoticeChannel, RobotSender> senders = new EnumMap<>(NoticeChannel.class);
  private final NotificationProperties.Channels settings;
  private final ObjectProvider<SmsProvider> sms;
  private final ObjectMapper json;

  ChannelDelivery(Outbox outbox, Robots robots, RobotPace pace, List<RobotSender> senders,
      NotificationProperties properties, ObjectProvider<SmsProvider> sms, ObjectMapper json) {
    this.outbox = outbox;
    this.robots = robots;
    this.pace = pace;
    senders.forEach(sender -> this.senders.put(sender.channel(), sender));
    this.settings = properties.channels();
    this.sms = sms;
    this.json = json;
  }

  @Scheduled(fixedDelayString = "${rectification.channels.poll-interval}")
  void deliverDue() {
    try {
      deliverDue(EngineClock.now());
    } catch (DataAccessResourceFailureException e) {
      LOG.warn("数据库暂时无法连接，待发的群机器人消息和短信稍后再发（{}）", e.getMostSpecificCause().getMessage());
    }
  }

  void deliverDue(Date now) {
    outbox.due(CHANNELS, settings.claimTimeout(), now).forEach(id -> deliver(id, now));
  }

  private void deliver(long id, Date now) {
    Optional<Outbox.Claimed> claimed = outbox.claim(id, now);
    if (claimed.isEmpty()) {
      return; // another node has it
    }
    Outbox.Claimed notice = claimed.get();
    NoticeChannel channel = NoticeChannel.valueOf(notice.text("channel"));
    if (channel == NoticeChannel.SMS) {
      text(notice, now);
      return;
    }
    String group = notice.text("address");
    Optional<Robot> robot = robots.ofGroup(group).filter(r -> r.kind() == channel);
    if (robot.isEmpty()) {
      outbox.notSent(notice, "未配置组 " + group + " 的" + channel.label() + "（rectification.robots）");
      return;
    }
    Optional<Date> turn = pace.take(robot.get(), now);
    if (turn.isPresent()) {
      outbox.postpone(notice, turn.get());
      return;
    }
    try {
      senders.get(channel).send(robot.get(), notice.text("text_body"), mentions(notice), now);
      outbox.sent(notice, now);
      LOG.info("已发送{}到组 {} 的{}：{}", notice.text("kind"), group, channel.label(), notice.text("subject"));
    } catch (DeliveryFailure e) {
      failed(notice, channel, robots.scrub(e.getMessage()), now);
    } catch (RuntimeException e) { // counted like any failed attempt, else the row would be claimed again for ever
      failed(notice, channel, robots.scrub(unexpected(e)), now);
    }
  }

  /** An SMS from the provider's template, with the parameters recorded with the notice. */
  private void text(Outbox.Claimed notice, Date now) {
    SmsProvider provider = sms.getIfAvailable();
    if (provider == null) {
      outbox.notSent(notice, "未配置短信服务（rectification.sms）");
      return;
    }
    try {
      Map<String, String> parameters = json.readValue(notice.text("text_body"), new TypeReference<>() {});
      provider.send(notice.text("address"), parameters, now);
      outbox.sent(notice, now);
      LOG.info("已发送{}短信给 {}：{}", notice.text("kind"), notice.text("recipient_id"), notice.text("subject"));
    } catch (DeliveryFailure e) {
      failed(notice, NoticeChannel.SMS, provider.scrub(e.getMessage()), now);
    } catch (JsonProcessingException e) {
      outbox.notSent(notice, "短信内容无法读取");
    } catch (RuntimeException e) {
      failed(notice, NoticeChannel.SMS, provider.scrub(unexpected(e)), now);
    }
  }

  private void failed(Outbox.Claimed notice, NoticeChannel channel, String error, Date now) {
    Duration wait = outbox.failed(notice, error, settings.maxAttempts(), settings.retryBackoff(), now);
    if (wait == null) {
      LOG.warn("{}发送失败，已重试 {} 次，不再重试：{}（{}）", channel.label(), notice.attempts(), notice.text("subject"), error);
    } else {
      LOG.info("{}发送失败，{} 后重试（第 {} 次）：{}", channel.label(), wait, notice.attempts(), error);
    }
  }

  private static String unexpected(RuntimeException e) {
    return "发送时出错：" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : "（" + e.getMessage() + "）");
  }

  private static List<String> mentions(Outbox.Claimed notice) {
    String mentions = notice.text("mentions");
    return mentions == null || mentions.isBlank() ? List.of() : Arrays.asList(mentions.split(","));
  }
}
