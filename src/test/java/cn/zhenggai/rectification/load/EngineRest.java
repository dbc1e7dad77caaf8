package cn.zhenggai.rectification.load;

import cn.zhenggai.rectification.load.RequestLog.Kind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Camunda's engine REST API as one account uses it (HTTP Basic on every request, as Tasklist's users and scripts
 * do), logging every request in the user's {@link RequestLog}.
 */
final class EngineRest {

  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final String base;
  private final String user;
  private final String authorization;
  private final RequestLog log;

  EngineRest(HttpClient http, int port, String user, String password, RequestLog log) {
    this.http = http;
    this.base = "http://127.0.0.1:" + port + "/engine-rest";
    this.user = user;
    this.authorization = "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.log = log;
  }

  /**
   * The group's open tasks, newest first, including those already claimed (by this account, or by another account
   * of a second supervising group): Tasklist's "本单位待办" with assigned tasks shown. Empty when the request failed.
   */
  List<JsonNode> groupTasks(String group, int maxResults) {
    String query = "?candidateGroup=" + URLEncoder.encode(group, StandardCharsets.UTF_8)
        + "&includeAssignedTasks=true&sortBy=created&sortOrder=desc&maxResults=" + maxResults;
    Answer answer = send(Kind.LIST, HttpRequest.newBuilder(URI.create(base + "/task" + query)).GET());
    List<JsonNode> tasks = new ArrayList<>();
    if (answer.ok()) {
      answer.json().forEach(tasks::add);
    }
    return tasks;
  }

  boolean claim(String taskId) {
    return send(Kind.CLAIM, post("/task/" + taskId + "/claim", Map.of("userId", user))).ok();
  }

  /** Completes the task with the variables as a form submits them (Camunda's typed-value JSON). */
  boolean complete(String taskId, Map<String, Object> variables) {
    Map<String, Object> typed = new LinkedHashMap<>();
    variables.forEach((name, value) -> typed.put(name, Map.of("value", value, "type", typeOf(value))));
    return send(Kind.COMPLETE, post("/task/" + taskId + "/complete", Map.of("variables", typed))).ok();
  }

  private HttpRequest.Builder post(String path, Object body) {
    try {
      return HttpRequest.newBuilder(URI.create(base + path))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + body, e);
    }
  }

  private Answer send(Kind kind, HttpRequest.Builder builder) {
    HttpRequest httpRequest = builder.header("Authorization", authorization).timeout(REQUEST_TIMEOUT).build();
    long start = System.nanoTime();
    int status;
    String body;
    try {
      HttpResponse<String> response = http.send(httpRequest, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      status = response.statusCode();
      body = response.body();
    } catch (IOException e) {
      log.record(kind, -1, System.nanoTime() - start, e.getClass().getSimpleName(), "no answer: " + e.getMessage());
      return new Answer(-1, "");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.record(kind, -1, System.nanoTime() - start, "InterruptedException", "interrupted");
      return new Answer(-1, "");
    }
    long nanos = System.nanoTime() - start;
    if (status >= 200 && status < 300) {
      log.record(kind, status, nanos, null, null);
    } else {
      JsonNode error = errorOf(body);
      log.record(kind, status, nanos, error.path("type").asText("(no type)"), error.path("message").asText(""));
    }
    return new Answer(status, body);
  }

  private static String typeOf(Object value) {
    if (value instanceof Boolean) {
      return "Boolean";
    }
    if (value instanceof String) {
      return "String";
    }
    throw new IllegalArgumentException("no REST type for " + value.getClass());
  }

  /** A JSON error body ({@code type}, {@code message}: Camunda's shape and ours), or one made of a body that is not. */
  private static JsonNode errorOf(String body) {
    try {
      JsonNode error = JSON.readTree(body);
      if (error != null && error.hasNonNull("message")) {
        return error;
      }
    } catch (IOException e) {
      // not JSON: quote it as it came
    }
    String text = body == null || body.isBlank() ? "(empty body)" : body.length() > 300 ? body.substring(0, 300) : body;
    return JSON.createObjectNode().put("message", text);
  }

  private record Answer(int status, String body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException("not JSON: " + body, e);
      }
    }
  }
}
