package cn.zhenggai.rectification.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A person signed in through the sign-in form, posting the supervision pages' forms with the page's CSRF token. */
final class PageSession {

  private static final Pattern TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final String root;
  private final HttpClient client;

  private PageSession(String root) {
    this.root = root;
    this.client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
  }

  static PageSession signIn(String root, String user) throws IOException, InterruptedException {
    PageSession session = new PageSession(root);
    String token = session.token(session.get("/login"));
    int status = session.client.send(HttpRequest.newBuilder(URI.create(root + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=demo&_csrf=" + token)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
    if (status != 302) {
      throw new AssertionError("sign-in of " + user + " answered " + status);
    }
    return session;
  }

  String get(String path) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(URI.create(root + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  /** Posts the form (values URL-encoded here) with a token from the page the form is on; returns the status. */
  int post(String path, String form) throws IOException, InterruptedException {
    String page = get(path.replaceFirst("/amendments/.*", ""));
    String token = token(TOKEN.matcher(page).find() ? page : get("/login")); // a page they may not see has no form
    StringBuilder body = new StringBuilder("_csrf=").append(URLEncoder.encode(token, StandardCharsets.UTF_8));
    for (String pair : form.split("&")) {
      String[] parts = pair.split("=", 2);
      body.append('&').append(parts[0]).append('=').append(URLEncoder.encode(parts.length > 1 ? parts[1] : "", StandardCharsets.UTF_8));
    }
    return client.send(HttpRequest.newBuilder(URI.create(root + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private String token(String page) {
    Matcher token = TOKEN.matcher(page);
    if (!token.find()) {
      throw new AssertionError("no CSRF token on the page");
    }
    return token.group(1);
  }
}
