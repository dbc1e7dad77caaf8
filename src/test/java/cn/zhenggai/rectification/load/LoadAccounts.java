package cn.zhenggai.rectification.load;

import cn.zhenggai.rectification.load.SimulatedUser.Account;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The simulated people's own accounts, made as an administrator makes them (Camunda's user and group-membership
 * calls): a person signs in as themself, so two clerks of one office never claim as the same account.
 */
final class LoadAccounts {

  private static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString("admin:demo".getBytes(StandardCharsets.UTF_8));

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;
  private int made;

  LoadAccounts(int port) {
    this.base = "http://127.0.0.1:" + port + "/engine-rest";
  }

  /** Makes the accounts of users {@code 0} to {@code total - 1} that are not made yet. */
  void makeUpTo(int total) throws IOException, InterruptedException {
    for (; made < total; made++) {
      Account account = SimulatedUser.accountOf(made);
      String profile = "{\"profile\":{\"id\":\"" + account.user() + "\",\"firstName\":\"压测\",\"lastName\":\"用户" + made
          + "\",\"email\":\"" + account.user() + "@example.org\"},\"credentials\":{\"password\":\"" + SimulatedUser.PASSWORD + "\"}}";
      expectSuccess(HttpRequest.newBuilder(URI.create(base + "/user/create")).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(profile)));
      expectSuccess(HttpRequest.newBuilder(URI.create(base + "/group/" + account.group() + "/members/" + account.user()))
          .PUT(HttpRequest.BodyPublishers.noBody()));
    }
  }

  private void expectSuccess(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request.header("Authorization", ADMIN).timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(response.statusCode() + " " + response.body());
    }
  }
}
