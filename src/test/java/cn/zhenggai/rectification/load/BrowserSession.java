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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One person's sign-in as Tasklist in a browser holds it: signed in once on our sign-in page, then the session cookie
 * and Camunda's XSRF token with every call to {@code /camunda/api/engine} (no password check per request). Requests
 * are asynchronous on the crowd's one HTTP client; each is timed and logged in the crowd's current stretch.
 */
final class BrowserSession {

  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
  private static final String TASKS = "/camunda/api/engine/engine/default/task";

  private final Crowd crowd;
  private final String base;
  private final String user;
  private final Map<String, String> cookies = new ConcurrentHashMap<>();

  BrowserSession(Crowd crowd, int port, String user) {
    this.crowd = crowd;
    this.base = "http://127.0.0.1:" + port;
    this.user = user;
  }

  /** The sign-in page, its form, then Tasklist's page (which hands out the XSRF-TOKEN cookie); true when signed in. */
  CompletableFuture<Boolean> signIn() {
    return send(Kind.SIGN_IN, request("/login").GET()).thenCompose(page -> {
      Matcher csrf = CSRF_FIELD.matcher(page.body());
      if (!csrf.find()) {
        return CompletableFuture.completedFuture(new Answer(-1, ""));
      }
      String form = "username=" + user + "&password=" + SimulatedUser.PASSWORD + "&_csrf="
          + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
      return send(Kind.SIGN_IN, request("/login").header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form)));
    }).thenCompose(signedIn -> signedIn.ok()
        ? send(Kind.SIGN_IN, request("/camunda/app/tasklist/default/").GET())
        : CompletableFuture.completedFuture(signedIn))
        .thenApply(tasklist -> tasklist.ok() && cookies.containsKey("XSRF-TOKEN"));
  }

  /**
   * The group's open tasks, newest first, including those already claimed: Tasklist's "本单位待办" with assigned tasks
   * shown. Empty when the request failed.
   */
  CompletableFuture<List<JsonNode>> groupTasks(String group, int maxResults) {
    String query = "?candidateGroup=" + URLEncoder.encode(group, StandardCharsets.UTF_8)
        + "&includeAssignedTasks=true&sortBy=created&sortOrder=desc&maxResults=" + maxResults;
    return send(Kind.LIST, request(TASKS + query).GET()).thenApply(answer -> {
      List<JsonNode> tasks = new ArrayList<>();
      if (answer.ok()) {
        answer.json().forEach(tasks::add);
      }
      return tasks;
    });
  }

  CompletableFuture<Answer> claim(String taskId) {
    return send(Kind.CLAIM, post(TASKS + "/" + taskId + "/claim", Map.of("userId", user)));
  }

  /** Submits the task's form with these values (Camunda's typed-value JSON), as Tasklist's "办理完成" does. */
  CompletableFuture<Answer> submitForm(String taskId, Map<String, Object> variables) {
    Map<String, Object> typed = new LinkedHashMap<>();
    variables.forEach((name, value) -> typed.put(name, Map.of("value", value, "type", typeOf(value))));
    return send(Kind.COMPLETE, post(TASKS + "/" + taskId + "/submit-form", Map.of("variables", typed)));
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path));
  }

  private HttpRequest.Builder post(String path, Object body) {
    try {
      return request(path).header("Content-Type", "application/json").header("X-XSRF-TOKEN", cookies.getOrDefault("XSRF-TOKEN", ""))
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + body, e);
    }
  }

  private CompletableFuture<Answer> send(Kind kind, HttpRequest.Builder builder) {
    if (!cookies.isEmpty()) {
      builder.header("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
          .collect(Collectors.joining("; ")));
    }
    HttpRequest request = builder.timeout(REQUEST_TIMEOUT).build();
    long start = System.nanoTime();
    crowd.requestSent();
    return crowd.http().sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
        .handle((response, failure) -> {
          long nanos = System.nanoTime() - start;
          crowd.answerReceived();
          if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            crowd.log().record(kind, -1, nanos, cause.getClass().getSimpleName(), "no answer: " + cause.getMessage());
            return new Answer(-1, "");
          }
          keepCookies(response);
          Answer answer = new Answer(signInStatus(response), response.body());
          if (answer.ok()) {
            crowd.log().record(kind, answer.status(), nanos, null, null);
          } else {
            JsonNode error = errorOf(answer.body());
            crowd.log().record(kind, answer.status(), nanos, error.path("type").asText("(no type)"),
                error.path("message").asText(""));
          }
          return answer;
        });
  }

  /**
   * The sign-in form answers with a redirect: to Tasklist when the password was right (counted as success, 200), back
   * to the sign-in page when not (counted as refused, 401). Other answers as they came.
   */
  private static int signInStatus(HttpResponse<?> response) {
    if (response.statusCode() / 100 != 3) {
      return response.statusCode();
    }
    return response.headers().firstValue("location").orElse("/login").contains("/login") ? 401 : 200;
  }

  private void keepCookies(HttpResponse<?> response) {
    for (String cookie : response.headers().allValues("set-cookie")) {
      String pair = cookie.split(";", 2)[0];
      int equals = pair.indexOf('=');
      if (equals > 0) {
        cookies.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
      }
    }
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

  record Answer(int status, String body) {
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
