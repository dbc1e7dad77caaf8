package cn.zhenggai.rectification;

import java.io.IOException;
import java.net.CookieManager;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person at our pages over plain HTTP, as a browser without scripts: signs in on the sign-in page (session cookie),
 * follows redirects, and sends forms with the session's CSRF token, url-encoded or as a file upload.
 */
public final class PageSession {

  private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

  private final String base;
  private final CookieManager cookies = new CookieManager();

  private PageSession(int port) {
    this.base = "http://localhost:" + port;
  }

  /** Signed in as {@code user} (password demo). */
  public static PageSession signIn(int port, String user) {
    PageSession session = new PageSession(port);
    HttpResponse<String> answer = session.post("/login", List.of(Map.entry("username", user), Map.entry("password", "demo")));
    if (answer.uri().getPath().startsWith("/login")) {
      throw new IllegalStateException(user + " could not sign in: " + answer.uri());
    }
    return session;
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  /** A form sent as a browser sends it, with the session's CSRF token. */
  public HttpResponse<String> post(String path, List<Map.Entry<String, String>> fields) {
    String body = fields.stream().map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
        .collect(Collectors.joining("&")) + "&_csrf=" + encode(csrf());
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** The server's answer to an upload it refused unread. */
  public record Answer(int statusCode, String body) {}

  /**
   * An upload of {@code length} bytes announced the way a browser announces it, refused by the server for its declared
   * size before any of it is read: only the request head goes over a plain socket, and the answer is read. (Java's
   * HTTP client sends the body once it has "100 Continue", which Tomcat gives at once; the server then refuses, closes
   * the connection after a little of the body, and the client often loses the answer: "received no bytes".)
   */
  public Answer uploadTooLarge(String path, long length) {
    return announce(URI.create(base), path, "multipart/form-data; boundary=----zhenggai", length);
  }

  /** A body of {@code length} bytes announced to {@code server} but never sent: the answer to the request head alone. */
  public static Answer announce(URI server, String path, String contentType, long length) {
    try (Socket socket = new Socket(server.getHost(), server.getPort())) {
      socket.setSoTimeout(60_000);
      String head = "POST " + path + " HTTP/1.1\r\nHost: " + server.getAuthority() + "\r\n"
          + "Content-Type: " + contentType + "\r\nContent-Length: " + length + "\r\n"
          + "Expect: 100-continue\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      // Tomcat says "100 Continue" as soon as it has the head; the refusal follows it
      while (answer.startsWith("HTTP/1.1 100")) {
        answer = answer.substring(answer.indexOf("\r\n\r\n") + 4);
      }
      int status = Integer.parseInt(answer.substring(answer.indexOf(' ') + 1, answer.indexOf(' ') + 4));
      return new Answer(status, answer.substring(answer.indexOf("\r\n\r\n") + 4));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A form with a file, as {@code enctype="multipart/form-data"} sends it. */
  public HttpResponse<String> upload(String path, Map<String, String> fields, String fileField, String fileName,
      byte[] content) {
    String boundary = "----zhenggai" + UUID.randomUUID();
    StringBuilder head = new StringBuilder();
    fields.forEach((name, value) -> head.append("--").append(boundary).append("\r\n")
        .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n").append(value).append("\r\n"));
    head.append("--").append(boundary).append("\r\n")
        .append("Content-Disposition: form-data; name=\"_csrf\"\r\n\r\n").append(csrf()).append("\r\n");
    head.append("--").append(boundary).append("\r\n")
        .append("Content-Disposition: form-data; name=\"").append(fileField).append("\"; filename=\"").append(fileName)
        .append("\"\r\nContent-Type: application/octet-stream\r\n\r\n");
    byte[] start = head.toString().getBytes(StandardCharsets.UTF_8);
    byte[] end = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[start.length + content.length + end.length];
    System.arraycopy(start, 0, body, 0, start.length);
    System.arraycopy(content, 0, body, start.length, content.length);
    System.arraycopy(end, 0, body, start.length + content.length, end.length);
    return send(HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  /** The session's CSRF token, as the sign-in page hands it out (the same for every form of the session). */
  private String csrf() {
    Matcher token = CSRF_FIELD.matcher(get("/login").body());
    if (!token.find()) {
      throw new IllegalStateException("no CSRF field on the sign-in page");
    }
    return token.group(1);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    // a new connection for each request: one kept alive could be closed by the server while idle (on a loaded machine
    // idle long enough), and a form sent on it would fail with nothing received
    HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(5)).build();
    return HttpCalls.send(http, request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private URI uri(String path) {
    return URI.create(base + path);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
