package cn.zhenggai.rectification.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Aliyun SMS (Dysmsapi 2017-05-25, action SendSms) with its RPC signature: the parameters sorted by name and
 * percent-encoded (RFC 3986), {@code POST&%2F&} and that query percent-encoded again, HMAC-SHA1 keyed with the
 * AccessKey secret and {@code &}, Base64. Sent when the answer's {@code Code} is {@code OK}. Present only when
 * {@code rectification.sms.access-key-id} is set.
 */
@Component
@ConditionalOnProperty(prefix = "rectification.sms", name = "access-key-id")
class AliyunSms implements SmsProvider {

  private final SmsProperties settings;
  private final ObjectMapper json;
  private final HttpClient http;

  AliyunSms(SmsProperties settings, ObjectMapper json) {
    this.settings = settings;
    this.json = json;
    this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    require(settings.accessKeySecret(), "access-key-secret");
    require(settings.signName(), "sign-name");
    require(settings.templateCode(), "template-code");
  }

  private static void require(String value, String key) {
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("rectification.sms." + key + " 未设置");
    }
  }

  @Override
  public void send(String mobile, Map<String, String> parameters, Date now) throws DeliveryFailure {
    Map<String, String> query = new TreeMap<>();
    query.put("AccessKeyId", settings.accessKeyId());
    query.put("Action", "SendSms");
    query.put("Format", "JSON");
    query.put("PhoneNumbers", mobile);
    query.put("RegionId", settings.regionId());
    query.put("SignName", settings.signName());
    query.put("SignatureMethod", "HMAC-SHA1");
    query.put("SignatureNonce", UUID.randomUUID().toString());
    query.put("SignatureVersion", "1.0");
    query.put("TemplateCode", settings.templateCode());
    query.put("Timestamp", DateTimeFormatter.ISO_INSTANT.format(now.toInstant().truncatedTo(ChronoUnit.SECONDS)));
    query.put("Version", "2017-05-25");
    try {
      query.put("TemplateParam", json.writeValueAsString(parameters));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    String form = canonical(query) + "&Signature=" + encode(signature(query, settings.accessKeySecret()));
    JsonNode answer = post(form);
    if (!"OK".equals(answer.path("Code").asText())) {
      throw new DeliveryFailure("短信服务拒收：Code " + answer.path("Code").asText("（无）") + "，Message "
          + answer.path("Message").asText(""));
    }
  }

  @Override
  public String scrub(String text) {
    return Secrets.scrub(text, List.of(settings.accessKeySecret()));
  }

  /** Base64 of HMAC-SHA1 keyed with {@code secret + "&"} over {@code POST&%2F&} and the encoded canonical query. */
  static String signature(Map<String, String> sortedQuery, String secret) {
    String toSign = "POST&" + encode("/") + "&" + encode(canonical(sortedQuery));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec((secret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 不可用", e);
    }
  }

  static String canonical(Map<String, String> sortedQuery) {
    return sortedQuery.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  /** RFC 3986 percent-encoding as Aliyun signs: space %20, * %2A, ~ as is. */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
  }

  private JsonNode post(String form) throws DeliveryFailure {
    URI endpoint = settings.endpoint();
    HttpResponse<String> response;
    try {
      response = http.send(HttpRequest.newBuilder(endpoint).timeout(settings.timeout())
          .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
          .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new DeliveryFailure("无法连接 " + endpoint.getHost() + "：" + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryFailure("发送被中断");
    }
    try {
      JsonNode answer = json.readTree(response.body());
      if (answer == null) {
        throw new DeliveryFailure(endpoint.getHost() + " 答复 HTTP " + response.statusCode() + "，没有内容");
      }
      return answer;
    } catch (JsonProcessingException e) {
      throw new DeliveryFailure(endpoint.getHost() + " 答复 HTTP " + response.statusCode() + "，不是 JSON");
    }
  }
}
