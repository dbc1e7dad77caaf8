package cn.zhenggai.rectification.notification;

import cn.zhenggai.rectification.notification.NotificationProperties.Robot;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A WeCom (企业微信, 粤政易) group robot: {@code POST <base>/cgi-bin/webhook/send?key=<key>}, a text message that
 * mentions people by mobile number ({@code mentioned_mobile_list}); the key is the secret.
 */
@Component
class WeComRobot implements RobotSender {

  private final RobotWebhook webhook;
  private final String base;

  WeComRobot(RobotWebhook webhook, NotificationProperties properties) {
    this.webhook = webhook;
    this.base = properties.channels().wecomBaseUrl().toString().replaceAll("/+$", "");
  }

  @Override
  public NoticeChannel channel() {
    return NoticeChannel.WECOM;
  }

  @Override
  public void send(Robot robot, String text, List<String> mobiles, Date now) throws DeliveryFailure {
    URI uri = URI.create(base + "/cgi-bin/webhook/send?key=" + URLEncoder.encode(robot.key(), StandardCharsets.UTF_8));
    webhook.post(uri, Map.of("msgtype", "text", "text", Map.of("content", text, "mentioned_mobile_list", mobiles)));
  }
}
