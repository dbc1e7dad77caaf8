package cn.zhenggai.rectification.cluster;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Tasklist in a browser does over HTTP: signs in on our sign-in page (session cookie), then calls the engine
 * through {@code /camunda/api/engine} with Camunda's CSRF token, as the task form's "办理完成" button does.
 */
final class TasklistSession {

  private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

  private final String base;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient http;
  /** The answer to the sign-in form. */
  final HttpResponse<String> signIn;

  TasklistSession(AppNode node, String user) throws IOException {
    this.base = "http://localhost:" + node.port;
    this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5)).build();
    Matcher csrf = CSRF_FIELD.matcher(send(HttpRequest.newBuilder(uri("/login")).GET()).body());
    if (!csrf.find()) {
      throw new IllegalStateException("no CSRF field on the sign-in page");
    }
    String form = "username=" + user + "&password=demo&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
    signIn = send(HttpRequest.newBuilder(uri("/login")).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)));
    send(HttpRequest.newBuilder(uri("/camunda/app/tasklist/default/")).GET()); // hands out the XSRF-TOKEN cookie
  }

  HttpResponse<String> completeTask(String taskId, String variablesJson) throws IOException {
    String token = cookies.getCookieStore().get(URI.create(base)).stream()
        .filter(cookie -> cookie.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).findFirst()
        .orElseThrow(() -> new IllegalStateException("Tasklist handed out no XSRF-TOKEN cookie"));
    return send(HttpRequest.newBuilder(uri("/camunda/api/engine/engine/default/task/" + taskId + "/submit-form"))
        .header("Content-Type", "application/json").header("X-XSRF-TOKEN", token)
        .POST(HttpRequest.BodyPublishers.ofString(variablesJson)));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
    try {
      return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private URI uri(String path) {
    return URI.create(base + path);
  }
}
