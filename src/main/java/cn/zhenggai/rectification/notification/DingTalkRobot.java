package cn.zhenggai.rectification.notification;

import cn.zhenggai.rectification.notification.NotificationProperties.Robot;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * A DingTalk (钉钉, 浙政钉) custom robot with signing (加签):
 * {@code POST <base>/robot/send?access_token=<token>&timestamp=<ms>&sign=<sign>}, where sign is the URL-encoded Base64
 * of HmacSHA256, keyed with the secret, over {@code timestamp + "\n" + secret}. DingTalk refuses a timestamp more than
 * an hour off its own clock, so the server's clock must be right. A mention shows only when the text carries
 * {@code @<mobile>} as well as {@code at.atMobiles}.
 */
@Component
class DingTalkRobot implements RobotSender {

  private final RobotWebhook webhook;
  private final String base;

  DingTalkRobot(RobotWebhook webhook, NotificationProperties properties) {
    this.webhook = webhook;
    this.base = properties.channels().dingtalkBaseUrl().toString().replaceAll("/+$", "");
  }

  @Override
  public NoticeChannel channel() {
    return NoticeChannel.DINGTALK;
  }

  @Override
  public void send(Robot robot, String text, List<String> mobiles, Date now) throws DeliveryFailure {
    long timestamp = now.getTime();
    URI uri = URI.create(base + "/robot/send?access_token=" + URLEncoder.encode(robot.token(), StandardCharsets.UTF_8)
        + "&timestamp=" + timestamp + "&sign=" + URLEncoder.encode(sign(timestamp, robot.secret()), StandardCharsets.UTF_8));
    String content = mobiles.isEmpty() ? text : text + "\n" + String.join(" ", mobiles.stream().map(m -> "@" + m).toList());
    webhook.post(uri, Map.of("msgtype", "text", "text", Map.of("content", content),
        "at", Map.of("atMobiles", mobiles, "isAtAll", false)));
  }

  /** Base64 of HmacSHA256(secret, timestamp + "\n" + secret), before URL encoding. */
  static String sign(long timestamp, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 不可用", e);
    }
  }
}
