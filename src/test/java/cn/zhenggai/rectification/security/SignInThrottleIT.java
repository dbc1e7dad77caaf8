package cn.zhenggai.rectification.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.PostgresApplicationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Wrong passwords on the running application (PostgreSQL): a stranger guessing from one address locks the account
 * for that address only, the lock ends by itself, an administrator sees and lifts locks (nobody else may), and
 * Camunda's own count per account no longer locks anybody out.
 * The test's requests come through 127.0.0.1, here a trusted proxy, and name the client in {@code X-Forwarded-For}
 * (Tomcat's valve takes it from there, as in production: {@link TrustedProxyHeaders}); the sign-in clock is moved by
 * the test.
 */
@TestPropertySource(properties = "rectification.sign-in.trusted-proxies=127.0.0.1")
@Import(SignInThrottleIT.SignInClock.class)
class SignInThrottleIT extends PostgresApplicationTest {

  static final String LOCKED_FOR_A_MINUTE = "登录失败次数过多，已暂时锁定，请 1 分钟后再试";
  static final String WRONG_PASSWORD = "未登录或用户名、密码不正确";
  static final String OFFICE = "198.51.100.20";
  static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

  @TestConfiguration
  static class SignInClock {
    @Bean
    MovableClock signInClock() {
      return new MovableClock(Instant.now());
    }
  }

  @Autowired MovableClock clock;
  @Autowired ObjectMapper json;
  @LocalServerPort int port;

  @Test
  void aStrangersGuessesLockTheAccountFromTheStrangersAddressOnly() throws Exception {
    String stranger = "203.0.113.7";
    for (int i = 1; i <= 4; i++) {
      HttpResponse<String> guess = api("sec-chengguan", "guess-" + i, stranger);
      assertThat(guess.statusCode()).isEqualTo(401);
      assertThat(guess.body()).contains(WRONG_PASSWORD);
    }
    assertThat(api("sec-chengguan", "guess-5", stranger).body()).as("the fifth locks").contains(LOCKED_FOR_A_MINUTE);

    HttpResponse<String> rightPassword = api("sec-chengguan", "demo", stranger);
    assertThat(rightPassword.statusCode()).isEqualTo(401);
    assertThat(rightPassword.body()).contains(LOCKED_FOR_A_MINUTE).doesNotContain(WRONG_PASSWORD);
    assertThat(rightPassword.headers().firstValue("Retry-After")).hasValue("60");
    FormSignIn onThePage = new FormSignIn(stranger).signIn("sec-chengguan", "demo");
    assertThat(onThePage.location).endsWith("/login?error");
    assertThat(onThePage.page).contains(LOCKED_FOR_A_MINUTE).doesNotContain("用户名或密码不正确");

    assertThat(api("sec-chengguan", "demo", OFFICE).statusCode()).as("the secretary at the office, at once").isEqualTo(200);
    assertThat(new FormSignIn(OFFICE).signIn("sec-chengguan", "demo").location).endsWith("/camunda/app/tasklist/default/");
  }

  @Test
  void aWrongPasswordOnThePageSaysSoAndWhenItLocks() throws Exception {
    FormSignIn signIn = new FormSignIn("203.0.113.8").signIn("sec-dongcheng", "wrong");

    assertThat(signIn.location).endsWith("/login?error");
    assertThat(signIn.page).contains("用户名或密码不正确，请重新输入。连续输错 5 次将暂时锁定几分钟。");
  }

  @Test
  void camundasOwnCountPerAccountLocksNobodyOut() throws Exception {
    // 15 wrong passwords reach Camunda's password check (five from each of three addresses): by Camunda's defaults
    // the first would delay the next sign-in by 3 s and the tenth would lock the account until an administrator acts
    for (String stranger : new String[] {"203.0.113.21", "203.0.113.22", "203.0.113.23"}) {
      for (int i = 1; i <= 5; i++) {
        assertThat(api("sec-organs", "guess-" + i, stranger).statusCode()).isEqualTo(401);
      }
    }

    assertThat(api("sec-organs", "demo", OFFICE).statusCode()).as("right password from another address, at once")
        .isEqualTo(200);
  }

  @Test
  void theLockEndsByItselfAndTheNextOneIsTwiceAsLong() throws Exception {
    String stranger = "203.0.113.31";
    lockOut("sec-xicheng", stranger);
    clock.advance(Duration.ofSeconds(59));
    assertThat(api("sec-xicheng", "demo", stranger).body()).contains(LOCKED_FOR_A_MINUTE);

    clock.advance(Duration.ofSeconds(1));
    assertThat(api("sec-xicheng", "guess-6", stranger).body()).contains("登录失败次数过多，已暂时锁定，请 2 分钟后再试");
    clock.advance(Duration.ofMinutes(2));

    assertThat(api("sec-xicheng", "demo", stranger).statusCode()).isEqualTo(200);
    assertThat(api("sec-xicheng", "guess-7", stranger).body()).as("the right password forgot the wrong ones")
        .contains(WRONG_PASSWORD);
  }

  @Test
  void anAddressGuessingManyAccountsIsLockedForAllOfThem() throws Exception {
    String stranger = "203.0.113.41";
    for (int i = 1; i < 20; i++) {
      assertThat(api("someone-" + i, "guess", stranger).body()).contains(WRONG_PASSWORD);
    }
    assertThat(api("someone-20", "guess", stranger).body()).contains("登录失败次数过多，已暂时锁定，请 15 分钟后再试");

    assertThat(api("sup-orgdept", "demo", stranger).statusCode()).isEqualTo(401);
    assertThat(api("sup-orgdept", "demo", OFFICE).statusCode()).isEqualTo(200);
  }

  @Test
  void anUntrustedClientsForwardedForIsIgnored() throws Exception {
    // 127.0.0.2 is not a trusted proxy: whatever it writes in X-Forwarded-For, it is counted as itself
    for (int i = 1; i <= 5; i++) {
      assertThat(fromAnUntrustedClient("sec-education", "guess-" + i, "198.51.100." + i)).startsWith("HTTP/1.1 401");
    }

    assertThat(fromAnUntrustedClient("sec-education", "demo", "198.51.100.99"))
        .as("a new X-Forwarded-For does not get past the lock").startsWith("HTTP/1.1 401").contains(LOCKED_FOR_A_MINUTE);
    assertThat(api("sec-education", "demo", "198.51.100.5").statusCode())
        .as("the address it wrote was not counted").isEqualTo(200);
  }

  @Test
  void anAdministratorSeesAndLiftsLocksOnThePage() throws Exception {
    String stranger = "203.0.113.51";
    lockOut("sup-discipline", stranger);

    JsonNode lock = lockOf("sup-discipline", stranger);
    assertThat(lock.get("failures").asInt()).isEqualTo(5);
    assertThat(Instant.parse(lock.get("lockedUntil").asText()))
        .isEqualTo(clock.instant().truncatedTo(ChronoUnit.MILLIS).plus(Duration.ofMinutes(1)));

    FormSignIn administrator = new FormSignIn(OFFICE).signIn("admin", "demo");
    String page = administrator.get("/operations/sign-in-locks").body();
    assertThat(page).contains("<td>sup-discipline</td>", "<td>" + stranger + "</td>", "解除", "name=\"_csrf\"");
    String lift = "/operations/sign-in-locks/" + lock.get("id").asLong() + "/lift";
    assertThat(administrator.send(HttpRequest.newBuilder(uri(lift)).POST(HttpRequest.BodyPublishers.noBody())).statusCode())
        .as("without the page's CSRF token").isEqualTo(403);

    HttpResponse<String> lifted = administrator.post(lift, "", page);

    assertThat(lifted.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/operations/sign-in-locks?lifted"));
    assertThat(administrator.get("/operations/sign-in-locks?lifted").body()).contains("已解除锁定").doesNotContain(stranger);
    assertThat(api("sup-discipline", "demo", stranger).statusCode()).isEqualTo(200);
  }

  @Test
  void anAdministratorLiftsALockThroughTheApiAndNobodyElseMay() throws Exception {
    String stranger = "203.0.113.52";
    lockOut("leader", stranger);
    String lock = "/api/operations/sign-in-locks/" + lockOf("leader", stranger).get("id").asLong();

    assertThat(as("sec-chengguan", "GET", "/api/operations/sign-in-locks").statusCode()).isEqualTo(403);
    assertThat(as(null, "GET", "/api/operations/sign-in-locks").statusCode()).isEqualTo(401);
    assertThat(as("sec-chengguan", "DELETE", lock).statusCode()).isEqualTo(403);
    assertThat(as(null, "DELETE", lock).statusCode()).isEqualTo(401);
    assertThat(as("sec-chengguan", "GET", "/operations/sign-in-locks").statusCode()).isEqualTo(403);
    assertThat(as(null, "GET", "/operations/sign-in-locks").statusCode()).as("a program").isEqualTo(401);
    HttpResponse<String> anonymousPage = new FormSignIn(OFFICE).send(HttpRequest.newBuilder(uri("/operations/sign-in-locks"))
        .header("Accept", "text/html"));
    assertThat(anonymousPage.statusCode()).as("a browser").isEqualTo(302);
    assertThat(anonymousPage.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/login"));
    FormSignIn secretary = new FormSignIn(OFFICE).signIn("sec-chengguan", "demo");
    assertThat(secretary.post(lock.replace("/api", "") + "/lift", "", secretary.get("/login").body()).statusCode())
        .isEqualTo(403);
    assertThat(api("leader", "demo", stranger).body()).as("still locked").contains(LOCKED_FOR_A_MINUTE);

    assertThat(as("admin", "DELETE", lock).statusCode()).isEqualTo(204);

    assertThat(api("leader", "demo", stranger).statusCode()).isEqualTo(200);
    HttpResponse<String> again = as("admin", "DELETE", lock);
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(again.body()).contains("没有编号为 " + lock.substring(lock.lastIndexOf('/') + 1) + " 的登录锁定");
  }

  @Test
  void noOtherWayChecksAPasswordPastTheCount() throws Exception {
    // The engine's "verify" and the Camunda applications' own sign-in check any account's password; with Camunda's
    // count off they would let a signed-in user guess others' passwords uncounted.
    String verify = "{\"username\":\"sup-orgdept\",\"password\":\"demo\"}";
    Map<String, Integer> answers = new LinkedHashMap<>();
    for (String path : List.of("/engine-rest/identity/verify", "/engine-rest/engine/default/identity/verify")) {
      answers.put(path, HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(path))
          .header("Authorization", basic("sec-chengguan", "demo")).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(verify)).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }
    FormSignIn secretary = new FormSignIn(OFFICE).signIn("sec-chengguan", "demo");
    secretary.get("/camunda/app/tasklist/default/"); // hands out Camunda's CSRF cookie, which its own API wants back
    String camundaToken = secretary.cookie("XSRF-TOKEN");
    String engineVerify = "/camunda/api/engine/engine/default/identity/verify";
    answers.put(engineVerify, secretary.send(HttpRequest.newBuilder(uri(engineVerify))
        .header("X-XSRF-TOKEN", camundaToken).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(verify))).statusCode());
    String camundaSignIn = "/camunda/api/admin/auth/user/default/login/tasklist";
    answers.put(camundaSignIn, secretary.send(HttpRequest.newBuilder(uri(camundaSignIn))
        .header("X-XSRF-TOKEN", camundaToken).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=sup-orgdept&password=demo"))).statusCode());

    assertThat(answers).as("a signed-in secretary checking another account's password").containsOnly(
        Map.entry("/engine-rest/identity/verify", 403), Map.entry("/engine-rest/engine/default/identity/verify", 403),
        Map.entry(engineVerify, 403), Map.entry(camundaSignIn, 403));
  }

  /** The lock of an account from an address, as the administrators' API lists it. */
  private JsonNode lockOf(String user, String address) throws Exception {
    HttpResponse<String> locks = as("admin", "GET", "/api/operations/sign-in-locks");
    assertThat(locks.statusCode()).isEqualTo(200);
    for (JsonNode lock : json.readTree(locks.body())) {
      if (user.equals(lock.get("account").asText()) && address.equals(lock.get("address").asText())) {
        return lock;
      }
    }
    throw new AssertionError("no lock of " + user + " from " + address + " in " + locks.body());
  }

  /** A request of {@code user} (HTTP Basic; null: nobody signed in) from the test itself, 127.0.0.1. */
  private HttpResponse<String> as(String user, String method, String path) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody());
    if (user != null) {
      request.header("Authorization", basic(user, "demo"));
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private void lockOut(String user, String address) throws Exception {
    for (int i = 1; i <= 5; i++) {
      api(user, "guess-" + i, address);
    }
    assertThat(api(user, "demo", address).body()).contains(LOCKED_FOR_A_MINUTE);
  }

  /** An API request with HTTP Basic, through the trusted proxy on behalf of {@code address}. */
  private HttpResponse<String> api(String user, String password, String address) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/cases")).header("Authorization", basic(user, password));
    if (address != null) {
      request.header(ClientAddress.FORWARDED_FOR, address);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** The same request on a connection from 127.0.0.2 (Java's HTTP client cannot choose its local address). */
  private String fromAnUntrustedClient(String user, String password, String forwardedFor) throws IOException {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress("127.0.0.2", 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(30_000);
      String request = "GET /api/cases HTTP/1.1\r\nHost: localhost:" + port + "\r\nAuthorization: " + basic(user, password)
          + "\r\n" + ClientAddress.FORWARDED_FOR + ": " + forwardedFor + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  /** A browser's sign-in on the page, from {@code address}: where the form sent it, and the page shown there. */
  final class FormSignIn {
    final CookieManager cookies = new CookieManager();
    final HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies)
        .followRedirects(HttpClient.Redirect.NEVER).build();
    final String address;
    String location;
    String page;

    FormSignIn(String address) {
      this.address = address;
    }

    FormSignIn signIn(String user, String password) throws Exception {
      String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
          + URLEncoder.encode(password, StandardCharsets.UTF_8);
      HttpResponse<String> sent = post("/login", form, get("/login").body());
      location = sent.headers().firstValue("Location").orElseThrow();
      page = location.contains("/login") ? send(HttpRequest.newBuilder(uri("/").resolve(location))).body() : null;
      return this;
    }

    /** A form on a page of this session, sent with the page's CSRF token. */
    HttpResponse<String> post(String path, String form, String pageWithTheForm) throws Exception {
      Matcher csrf = CSRF_FIELD.matcher(pageWithTheForm);
      assertThat(csrf.find()).as("a CSRF field on the page").isTrue();
      return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8))));
    }

    String cookie(String name) {
      return cookies.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals(name))
          .map(HttpCookie::getValue).findFirst().orElseThrow(() -> new AssertionError("no cookie " + name));
    }

    HttpResponse<String> get(String path) throws Exception {
      return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
      return browser.send(request.header(ClientAddress.FORWARDED_FOR, address).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
  }
}
