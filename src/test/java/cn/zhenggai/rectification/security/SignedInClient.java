package cn.zhenggai.rectification.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.HttpCalls;
import java.net.CookieManager;
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
 * A browser's session over plain HTTP, signed in on the sign-in page, that sends exactly the request it is given: no
 * CSRF token of either kind, as a page of another site riding the session would send it. Redirects are not followed.
 */
final class SignedInClient {

  private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final URI base;
  private final HttpClient http;

  private SignedInClient(URI base) {
    this.base = base;
    this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** Signed in as {@code user} (password demo) at the application under {@code base}. */
  static SignedInClient signIn(String base, String user) {
    SignedInClient client = new SignedInClient(URI.create(base));
    Matcher token = CSRF_FIELD.matcher(client.get("/login").body());
    assertThat(token.find()).as("the sign-in page's CSRF field").isTrue();
    HttpResponse<String> signedIn = client.send(HttpRequest.newBuilder(client.uri("/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=demo&_csrf="
            + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8))));
    assertThat(signedIn.statusCode()).as(user + " signed in").isEqualTo(302);
    assertThat(signedIn.headers().firstValue("Location").orElseThrow()).as(user + " signed in").doesNotContain("/login");
    return client;
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  /** A request with this body and these headers (name, value, name, value …) and nothing else. */
  HttpResponse<String> send(String method, String path, String contentType, String body, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
        .method(method, HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    return HttpCalls.send(http, request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private URI uri(String path) {
    return base.resolve(path);
  }
}
