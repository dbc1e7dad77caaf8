package cn.zhenggai.rectification;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One request of a test's HTTP client, with the minute it may take; a failure to send fails the test. */
public final class HttpCalls {

  private HttpCalls() {}

  public static <T> HttpResponse<T> send(HttpClient http, HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
    try {
      return http.send(request.timeout(Duration.ofSeconds(60)).build(), body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
