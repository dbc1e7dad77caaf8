package cn.zhenggai.rectification.notification;

import cn.zhenggai.rectification.FreePort;
import cn.zhenggai.rectification.vocabulary.EngineClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Aliyun SMS (Dysmsapi SendSms) as the tests need it: one AccessKey, one sign name and one template; it checks the RPC
 * signature (HMAC-SHA1 keyed with secret + "&" over {@code POST&%2F&} and the sorted, percent-encoded parameters), a
 * timestamp within 15 minutes, a fresh nonce, the mobile number, the template's variables given as strings and, where
 * the test gives the template's text, each of its {@code ${…}} given, answering {@code Code}/{@code Message} as Aliyun
 * does.
 */
public final class FakeAliyunSms implements AfterAllCallback {

  /** An SMS it accepted: to whom, and the template's variables. */
  public record Sent(String mobile, JsonNode parameters) {}

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}");

  private final ObjectMapper json = new ObjectMapper();
  private final int port = FreePort.next();
  private final HttpServer server;
  private final String keyId;
  private final String keySecret;
  private final String signName;
  private final String templateCode;
  private final List<Sent> sent = new ArrayList<>();
  private final Set<String> nonces = new HashSet<>();
  private String template;
  private volatile Duration answerAfter = Duration.ZERO;
  private final ScheduledExecutorService answering = Executors.newSingleThreadScheduledExecutor();

  public FakeAliyunSms(String keyId, String keySecret, String signName, String templateCode) {
    this.keyId = keyId;
    this.keySecret = keySecret;
    this.signName = signName;
    this.templateCode = templateCode;
    try {
      server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  /** The approved template's text, e.g. {@code 您好，${unit}的…}: a request must give each of its variables. */
  public synchronized FakeAliyunSms template(String text) {
    template = text;
    return this;
  }

  /** A slow provider: each answer comes this long after the request. */
  public void answerAfter(Duration delay) {
    answerAfter = delay;
  }

  public String endpoint() {
    return "http://localhost:" + port + "/";
  }

  public synchronized List<Sent> sentTo(String mobile) {
    return sent.stream().filter(s -> s.mobile().equals(mobile)).toList();
  }

  public synchronized List<Sent> sent() {
    return List.copyOf(sent);
  }

  private void handle(HttpExchange exchange) throws IOException {
    SortedMap<String, String> form = new TreeMap<>();
    for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
      String[] parts = pair.split("=", 2);
      form.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
          parts.length < 2 ? "" : URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
    }
    Map<String, String> answer = answer(form);
    if (answerAfter.isZero()) {
      respond(exchange, answer);
    } else { // a slow provider: the answer goes out later, the server meanwhile free for other requests
      answering.schedule(() -> respond(exchange, answer), answerAfter.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void respond(HttpExchange exchange, Map<String, String> answer) {
    try (exchange) {
      byte[] body = json.writeValueAsBytes(answer);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders("OK".equals(answer.get("Code")) ? 200 : 400, body.length);
      exchange.getResponseBody().write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private synchronized Map<String, String> answer(SortedMap<String, String> form) throws IOException {
    String signature = form.remove("Signature");
    if (!keyId.equals(form.get("AccessKeyId"))) {
      return refusal("InvalidAccessKeyId.NotFound", "Specified access key is not found.");
    }
    if (!expectedSignature(form).equals(signature)) {
      return refusal("SignatureDoesNotMatch", "Specified signature is not matched with our calculation.");
    }
    Instant timestamp = Instant.parse(form.getOrDefault("Timestamp", "1970-01-01T00:00:00Z"));
    if (Duration.between(timestamp, EngineClock.now().toInstant()).abs().compareTo(Duration.ofMinutes(15)) > 0) {
      return refusal("InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
    }
    if (!nonces.add(form.getOrDefault("SignatureNonce", ""))) {
      return refusal("SignatureNonceUsed", "Specified signature nonce was used already.");
    }
    if (!"SendSms".equals(form.get("Action")) || !signName.equals(form.get("SignName"))
        || !templateCode.equals(form.get("TemplateCode"))) {
      return refusal("isv.SMS_TEMPLATE_ILLEGAL", "该账户下找不到对应模板或签名");
    }
    if (!form.getOrDefault("PhoneNumbers", "").matches("1[0-9]{10}")) {
      return refusal("isv.MOBILE_NUMBER_ILLEGAL", "非法手机号");
    }
    JsonNode parameters = json.readTree(form.getOrDefault("TemplateParam", ""));
    if (!parameters.isObject() || !allText(parameters)) {
      return refusal("isv.INVALID_JSON_PARAM", "JSON参数不合法，只接受字符串值");
    }
    if (template != null) {
      Matcher variable = VARIABLE.matcher(template);
      while (variable.find()) {
        if (!parameters.hasNonNull(variable.group(1))) {
          return refusal("isv.TEMPLATE_MISSING_PARAMETERS", "模版缺少变量");
        }
      }
    }
    sent.add(new Sent(form.get("PhoneNumbers"), parameters));
    return Map.of("Code", "OK", "Message", "OK", "BizId", "900619746936498440^0", "RequestId", "F655A8D5-B967-440B");
  }

  private static boolean allText(JsonNode parameters) {
    for (JsonNode value : parameters) {
      if (!value.isTextual()) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, String> refusal(String code, String message) {
    return Map.of("Code", code, "Message", message, "RequestId", "A90E4451-FED7-49D2");
  }

  private String expectedSignature(SortedMap<String, String> form) {
    StringBuilder query = new StringBuilder();
    form.forEach((name, value) -> query.append(query.isEmpty() ? "" : "&").append(rfc3986(name)).append('=')
        .append(rfc3986(value)));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec((keySecret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      String toSign = "POST&%2F&" + rfc3986(query.toString());
      return Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Unreserved characters (A–Z a–z 0–9 - _ . ~) as they are, every other byte as %XX. */
  private static String rfc3986(String value) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
          || c == '.' || c == '~') {
        encoded.append(c);
      } else {
        encoded.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return encoded.toString();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    server.stop(0);
    answering.shutdownNow();
  }
}
