package cn.zhenggai.rectification.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * One POST of a JSON message to a group robot's webhook (WeCom and DingTalk answer alike): sent only when the answer
 * is HTTP 200 with {@code errcode} 0. The URL carries the robot's secret: it never appears in what this throws.
 */
@Component
class RobotWebhook {

  private final ObjectMapper json;
  private final Duration timeout;
  private final HttpClient http;

  RobotWebhook(ObjectMapper json, NotificationProperties properties) {
    this.json = json;
    this.timeout = properties.channels().timeout();
    this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  void post(URI webhook, Object message) throws DeliveryFailure {
    HttpResponse<String> response;
    try {
      HttpRequest request = HttpRequest.newBuilder(webhook).timeout(timeout)
          .header("Content-Type", "application/json; charset=utf-8")
          .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(message), StandardCharsets.UTF_8))
          .build();
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new DeliveryFailure("无法连接 " + webhook.getHost() + "：" + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryFailure("发送被中断");
    }
    if (response.statusCode() != 200) {
      throw new DeliveryFailure(webhook.getHost() + " 答复 HTTP " + response.statusCode());
    }
    JsonNode answer;
    try {
      answer = json.readTree(response.body());
    } catch (JsonProcessingException e) {
      throw new DeliveryFailure(webhook.getHost() + " 的答复不是 JSON");
    }
    if (answer == null || !answer.path("errcode").canConvertToInt() || answer.path("errcode").asInt() != 0) {
      throw new DeliveryFailure("机器人拒收：errcode " + (answer == null ? "（无）" : answer.path("errcode").asText("（无）"))
          + "，errmsg " + (answer == null ? "" : answer.path("errmsg").asText("")));
    }
  }
}
