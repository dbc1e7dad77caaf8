package cn.zhenggai.rectification.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.zhenggai.rectification.PostgresApplicationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The application behind a reverse proxy that ends TLS (PostgreSQL). The test plays the proxy on 127.0.0.1, the one
 * trusted proxy, and sends what the README's nginx sends: {@code X-Forwarded-Proto: https}, {@code -Host}, {@code -Port}
 * and {@code -For}. Its requests are answered as https requests to the proxy's address: cookies {@code Secure}, HSTS,
 * redirects to the https address, wrong passwords counted for the client. The very same requests from 127.0.0.2, which
 * is not a proxy of ours, are plain http from 127.0.0.2: nobody makes itself https, or someone else, by a header.
 * Links in notices start with {@code rectification.base-url}, the https address.
 */
@TestPropertySource(properties = {
    "rectification.sign-in.trusted-proxies=127.0.0.1",
    "rectification.base-url=" + BehindProxyIT.HTTPS_ADDRESS,
    "rectification.seeds.problems=src/test/resources/seeds/one-problem.yaml",
    // 城关's group robot: its notices are recorded, and not sent in this test's time
    "rectification.channels.poll-interval=PT1H",
    "rectification.robots[0].unit=street-chengguan",
    "rectification.robots[0].kind=DINGTALK",
    "rectification.robots[0].token=token-chengguan",
    "rectification.robots[0].secret=SECchengguan0123456789abcdef"})
class BehindProxyIT extends PostgresApplicationTest {

  static final String HTTPS_ADDRESS = "https://zhenggai.example.gov.cn";
  static final String CLIENT = "198.51.100.7";
  static final String PROXY = "127.0.0.1";
  static final String NOT_A_PROXY = "127.0.0.2";

  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;

  @Test
  void throughTheProxyTheSignInStaysOnHttpsAndItsCookiesAreSecure() throws Exception {
    Browser browser = new Browser(PROXY);
    Answer page = browser.get("/login");
    assertThat(page.header("Strict-Transport-Security")).hasValueSatisfying(hsts -> assertThat(hsts).startsWith("max-age="));

    Answer signedIn = browser.signIn("sec-chengguan", "demo", page);

    assertThat(signedIn.status()).isEqualTo(302);
    assertThat(signedIn.header("Location")).hasValue(HTTPS_ADDRESS + "/camunda/app/tasklist/default/");
    assertThat(signedIn.cookie("JSESSIONID")).contains("secure", "httponly", "samesite=lax");
    assertThat(browser.get("/camunda/app/tasklist/default/").cookie("XSRF-TOKEN")).as("Camunda's CSRF cookie")
        .contains("secure");
  }

  @Test
  void throughTheProxyAWrongPasswordCountsForTheClient() throws Exception {
    Answer refused = new Browser(PROXY).signIn("sec-dongcheng", "wrong");

    assertThat(refused.header("Location")).hasValue(HTTPS_ADDRESS + "/login?error");
    assertThat(failures("sec-dongcheng")).containsExactly(CLIENT + " 1");
  }

  @Test
  void fromAnyoneElseTheSameHeadersChangeNothing() throws Exception {
    Browser browser = new Browser(NOT_A_PROXY);
    Answer page = browser.get("/login");
    assertThat(page.header("Strict-Transport-Security")).isEmpty();

    Answer signedIn = browser.signIn("sec-chengguan", "demo", page);

    assertThat(signedIn.header("Location")).hasValue("http://127.0.0.1:" + port + "/camunda/app/tasklist/default/");
    assertThat(signedIn.cookie("JSESSIONID")).contains("httponly", "samesite=lax").doesNotContain("secure");
    assertThat(browser.get("/camunda/app/tasklist/default/").cookie("XSRF-TOKEN")).doesNotContain("secure");
    new Browser(NOT_A_PROXY).signIn("sec-xicheng", "wrong");
    assertThat(failures("sec-xicheng")).containsExactly(NOT_A_PROXY + " 1");
  }

  @Test
  void noticesLinkToTheHttpsAddress() {
    String link = HTTPS_ADDRESS + "/camunda/app/tasklist/default/#/?task=";
    await().atMost(Duration.ofMinutes(1)).until(() -> jdbc.queryForList(
        "select distinct channel from notification where kind = 'NEW_TASK'", String.class).size() == 2);

    List<Map<String, Object>> notices = jdbc.queryForList(
        "select channel, html_body, text_body from notification where kind = 'NEW_TASK'");

    assertThat(notices).extracting(notice -> notice.get("channel")).contains("EMAIL", "DINGTALK");
    for (Map<String, Object> notice : notices) {
      String text = (String) notice.get("text_body");
      assertThat(text).as("the text of a notice by %s", notice.get("channel")).contains(link).doesNotContain("http://");
      if ("EMAIL".equals(notice.get("channel"))) {
        assertThat((String) notice.get("html_body")).as("a mail's HTML").contains(link).doesNotContain("http://");
      }
    }
  }

  /** The addresses an account's wrong passwords are counted for, with their counts. */
  private List<String> failures(String account) {
    return jdbc.query("select address, failures from sign_in_throttle where account = ?",
        (row, i) -> row.getString("address") + " " + row.getInt("failures"), account);
  }

  /**
   * A browser behind the proxy: each request with the proxy's headers, on a connection of its own from {@code local}
   * (Java's HTTP client can neither choose its local address nor send a Secure cookie over http).
   */
  final class Browser {
    private final String local;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    Browser(String local) {
      this.local = local;
    }

    Answer get(String path) throws IOException {
      return send("GET " + path, null);
    }

    Answer signIn(String user, String password) throws IOException {
      return signIn(user, password, get("/login"));
    }

    Answer signIn(String user, String password, Answer page) throws IOException {
      Matcher csrf = SignInThrottleIT.CSRF_FIELD.matcher(page.body());
      assertThat(csrf.find()).as("a CSRF field on the page").isTrue();
      return send("POST /login", "username=" + encoded(user) + "&password=" + encoded(password) + "&_csrf="
          + encoded(csrf.group(1)));
    }

    private Answer send(String method, String form) throws IOException {
      byte[] body = form == null ? new byte[0] : form.getBytes(StandardCharsets.UTF_8);
      StringBuilder request = new StringBuilder(method).append(" HTTP/1.1\r\n")
          .append("Host: 127.0.0.1:").append(port).append("\r\n")
          .append("X-Forwarded-Proto: https\r\n")
          .append("X-Forwarded-Host: zhenggai.example.gov.cn\r\n")
          .append("X-Forwarded-Port: 443\r\n")
          .append("X-Forwarded-For: ").append(CLIENT).append("\r\n")
          .append("Connection: close\r\n");
      if (!cookies.isEmpty()) {
        request.append("Cookie: ").append(cookies.entrySet().stream().map(cookie -> cookie.getKey() + "=" + cookie.getValue())
            .collect(Collectors.joining("; "))).append("\r\n");
      }
      if (form != null) {
        request.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ").append(body.length)
            .append("\r\n");
      }
      request.append("\r\n");
      try (Socket socket = new Socket()) {
        socket.bind(new InetSocketAddress(local, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(30_000);
        OutputStream out = socket.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        Answer answer = Answer.of(socket.getInputStream().readAllBytes());
        for (String cookie : answer.headers("Set-Cookie")) {
          String pair = cookie.split(";", 2)[0];
          cookies.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        return answer;
      }
    }

    private static String encoded(String value) {
      return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
  }

  /** An answer as it came over the connection. */
  record Answer(int status, List<String> headerLines, String body) {

    static Answer of(byte[] response) {
      int end = indexOf(response, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
      List<String> lines = List.of(new String(response, 0, end, StandardCharsets.ISO_8859_1).split("\r\n"));
      byte[] body = Arrays.copyOfRange(response, end + 4, response.length);
      Answer head = new Answer(Integer.parseInt(lines.get(0).split(" ")[1]), lines.subList(1, lines.size()), "");
      boolean chunked = head.header("Transfer-Encoding").filter(coding -> coding.equalsIgnoreCase("chunked")).isPresent();
      return new Answer(head.status(), head.headerLines(), new String(chunked ? unchunked(body) : body, StandardCharsets.UTF_8));
    }

    List<String> headers(String name) {
      return headerLines.stream().filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
          .map(line -> line.substring(name.length() + 1).strip()).toList();
    }

    Optional<String> header(String name) {
      return headers(name).stream().findFirst();
    }

    /** The attributes of the cookie set by this answer, in lower case ("secure", "samesite=lax"). */
    List<String> cookie(String name) {
      String cookie = headers("Set-Cookie").stream().filter(header -> header.startsWith(name + "=")).findFirst()
          .orElseThrow(() -> new AssertionError("no cookie " + name + " set in " + headerLines));
      return Arrays.stream(cookie.split(";")).skip(1).map(attribute -> attribute.strip().toLowerCase(Locale.ROOT)).toList();
    }

    private static byte[] unchunked(byte[] body) {
      ByteArrayOutputStream whole = new ByteArrayOutputStream();
      int at = 0;
      while (true) {
        int lineEnd = indexOf(body, "\r\n".getBytes(StandardCharsets.US_ASCII), at);
        int size = Integer.parseInt(new String(body, at, lineEnd - at, StandardCharsets.US_ASCII).split(";")[0].strip(), 16);
        if (size == 0) {
          return whole.toByteArray();
        }
        whole.write(body, lineEnd + 2, size);
        at = lineEnd + 2 + size + 2;
      }
    }

    private static int indexOf(byte[] bytes, byte[] part, int from) {
      for (int i = from; i <= bytes.length - part.length; i++) {
        if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
          return i;
        }
      }
      throw new AssertionError("not a complete HTTP answer: " + new String(bytes, StandardCharsets.ISO_8859_1));
    }
  }
}
