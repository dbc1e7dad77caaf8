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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A group robot's webhook as a test runs it: a real HTTP server on a free port, answering {@code errcode}/{@code errmsg}
 * JSON with HTTP 200 as the real ones do, refusing more than 20 messages a minute per robot, and keeping what it
 * accepted with the (engine clock) time it arrived. Subclasses check each API's own rules. Running from its creation
 * (the application may send during start-up), stopped after the test class.
 */
public abstract class FakeRobotServer implements AfterAllCallback {

  /**
   * A message the robot posted to its group: when it arrived, and when its sender says it sent it (DingTalk's signed
   * timestamp; the arrival where the API carries no time).
   */
  public record Received(String robot, JsonNode message, Instant at, Instant stamped) {}

  /** A request the robot refused, with its answer. */
  public record Refused(String robot, int errcode, String errmsg) {}

  /** An error answer instead of the real checks, as a robot under trouble gives. */
  private record Trouble(int errcode, String errmsg) {}

  private final ObjectMapper json = new ObjectMapper();
  private final int port = FreePort.next();
  private final HttpServer server;
  private final List<Received> received = new ArrayList<>();
  private final List<Refused> refused = new ArrayList<>();
  private Trouble trouble;

  FakeRobotServer(String path) {
    try {
      server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(path, this::handle);
    server.start();
  }

  public String baseUrl() {
    return "http://localhost:" + port;
  }

  /** Names the robot the request is for, or throws the refusal the real API gives. */
  abstract String check(Map<String, String> query, Instant now) throws Refusal;

  /** Refuses a message the robot's own settings do not let through; any by default. */
  void checkContent(String robot, String content) throws Refusal {}

  /** When the sender says it sent the request it accepted; the arrival unless the API says. */
  Instant stamped(Map<String, String> query, Instant arrived) {
    return arrived;
  }

  /** errcode and errmsg of "more than 20 a minute". */
  abstract Refusal tooFast();

  static final class Refusal extends Exception {
    final int errcode;

    Refusal(int errcode, String errmsg) {
      super(errmsg);
      this.errcode = errcode;
    }
  }

  /** From now on every request gets this error answer, until {@link #recover()}. */
  synchronized void answerEveryRequestWith(int errcode, String errmsg) {
    trouble = new Trouble(errcode, errmsg);
  }

  synchronized void recover() {
    trouble = null;
  }

  public synchronized List<Received> received(String robot) {
    return received.stream().filter(r -> r.robot().equals(robot)).toList();
  }

  public synchronized List<Refused> refused(String robot) {
    return refused.stream().filter(r -> r.robot().equals(robot)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      JsonNode message = json.readTree(exchange.getRequestBody());
      answer(exchange, accept(query, message));
    }
  }

  private synchronized Map<String, Object> accept(Map<String, String> query, JsonNode message) {
    Instant now = EngineClock.now().toInstant();
    String robot = query.getOrDefault("key", query.getOrDefault("access_token", "?"));
    try {
      if (trouble != null) {
        throw new Refusal(trouble.errcode(), trouble.errmsg());
      }
      robot = check(query, now);
      String type = message.path("msgtype").asText();
      if (!type.equals("text") && !type.equals("markdown")) {
        throw new Refusal(40008, "invalid message type");
      }
      String content = message.path(type).path("content").asText(message.path(type).path("text").asText());
      if (content.getBytes(StandardCharsets.UTF_8).length > 2048) {
        throw new Refusal(40058, "content exceed max length 2048");
      }
      checkContent(robot, content);
      String me = robot;
      if (received.stream().filter(r -> r.robot().equals(me) && r.at().isAfter(now.minus(Duration.ofMinutes(1)))).count() >= 20) {
        throw tooFast();
      }
      received.add(new Received(robot, message, now, stamped(query, now)));
      return Map.of("errcode", 0, "errmsg", "ok");
    } catch (Refusal refusal) {
      refused.add(new Refused(robot, refusal.errcode, refusal.getMessage()));
      return Map.of("errcode", refusal.errcode, "errmsg", refusal.getMessage());
    }
  }

  private void answer(HttpExchange exchange, Map<String, Object> answer) throws IOException {
    byte[] body = json.writeValueAsBytes(answer);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int equals = pair.indexOf('=');
        if (equals > 0) {
          query.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return query;
  }

  @Override
  public void afterAll(ExtensionContext context) {
    server.stop(0);
  }
}
