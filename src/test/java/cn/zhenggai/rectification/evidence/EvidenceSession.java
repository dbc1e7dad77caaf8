package cn.zhenggai.rectification.evidence;

import cn.zhenggai.rectification.HttpCalls;
import cn.zhenggai.rectification.PageSession;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person at Tasklist's evidence panel over HTTP: signed in on the sign-in page (session cookie), Tasklist opened once
 * (it hands out Camunda's XSRF-TOKEN cookie), and the panel's calls sent as its script sends them: the file as the raw
 * body, the token in the X-XSRF-TOKEN header. Redirects are not followed, so a refusal is seen as it is.
 */
public final class EvidenceSession {

  private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

  private final String base;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient http;

  private EvidenceSession(int port) {
    this.base = "http://localhost:" + port;
    this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** Signed in as {@code user} (password demo), with Tasklist opened. */
  public static EvidenceSession signIn(int port, String user) {
    EvidenceSession session = new EvidenceSession(port);
    Matcher csrf = CSRF_FIELD.matcher(session.text(session.get("/login")));
    if (!csrf.find()) {
      throw new IllegalStateException("no CSRF field on the sign-in page");
    }
    String form = "username=" + user + "&password=demo&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
    HttpResponse<byte[]> signedIn = session.send(HttpRequest.newBuilder(session.uri("/login"))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
    if (signedIn.headers().firstValue("Location").orElse("/login").contains("/login")) {
      throw new IllegalStateException(user + " could not sign in");
    }
    session.get("/camunda/app/tasklist/default/");
    return session;
  }

  /** Nobody signed in. */
  public static EvidenceSession anonymous(int port) {
    return new EvidenceSession(port);
  }

  public HttpResponse<byte[]> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  /** A link followed in a browser, which asks for a page. */
  public HttpResponse<byte[]> open(String path) {
    return send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").GET());
  }

  public String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  /** An upload as the panel sends it: the file's bytes as the body. */
  public HttpResponse<byte[]> upload(String taskId, String name, byte[] content) {
    return send(uploadRequest(taskId, name).POST(HttpRequest.BodyPublishers.ofByteArray(content)));
  }

  /** An upload of a file on disk, sent as it is read (with its length). */
  public HttpResponse<byte[]> upload(String taskId, String name, Path file) {
    try {
      return send(uploadRequest(taskId, name).POST(HttpRequest.BodyPublishers.ofFile(file)));
    } catch (FileNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A download read as it arrives, not held whole. */
  public HttpResponse<InputStream> stream(String path) {
    try {
      return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofMinutes(5)).GET().build(),
          HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An upload of unknown length: sent in chunks, without Content-Length. */
  public HttpResponse<byte[]> uploadChunked(String taskId, String name, Supplier<InputStream> content) {
    return send(uploadRequest(taskId, name).POST(HttpRequest.BodyPublishers.ofInputStream(content)));
  }

  /** An upload without Camunda's CSRF header, as a page of another site would send it. */
  public HttpResponse<byte[]> uploadWithoutToken(String taskId, String name, byte[] content) {
    return send(HttpRequest.newBuilder(uri(filesOf(taskId, name))).header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(content)));
  }

  public HttpResponse<byte[]> send(String method, String path, String contentType, byte[] body) {
    return send(withToken(HttpRequest.newBuilder(uri(path))).header("Content-Type", contentType)
        .method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  public HttpResponse<byte[]> delete(String path) {
    return send(withToken(HttpRequest.newBuilder(uri(path))).DELETE());
  }

  public HttpResponse<byte[]> deleteWithoutToken(String path) {
    return send(HttpRequest.newBuilder(uri(path)).DELETE());
  }

  /**
   * An upload of {@code length} bytes announced and refused for its declared size before any of it is read (only the
   * request head is sent: the size is checked before who sends it).
   */
  public PageSession.Answer announce(String taskId, String name, long length) {
    return PageSession.announce(uri("/"), filesOf(taskId, name), "application/octet-stream", length);
  }

  public static String filesOf(String taskId, String name) {
    return "/evidence/tasks/" + taskId + "/files?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private HttpRequest.Builder uploadRequest(String taskId, String name) {
    return withToken(HttpRequest.newBuilder(uri(filesOf(taskId, name)))).header("Content-Type", "application/octet-stream");
  }

  private HttpRequest.Builder withToken(HttpRequest.Builder request) {
    String token = token();
    return token == null ? request : request.header("X-XSRF-TOKEN", token);
  }

  private String token() {
    return cookies.getCookieStore().get(uri("/")).stream().filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue).findFirst().orElse(null);
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder request) {
    return HttpCalls.send(http, request, HttpResponse.BodyHandlers.ofByteArray());
  }

  private URI uri(String path) {
    return URI.create(base + path);
  }
}
