package cn.zhenggai.rectification.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** An error answered before any controller runs, in the shape of Spring's problem details, with a Chinese detail. */
public final class ProblemJson {

  private ProblemJson() {}

  /** {@code detail} is our own text: no quotes or backslashes to escape. */
  public static void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write("{\"status\":" + status.value() + ",\"title\":\"" + status.getReasonPhrase()
        + "\",\"detail\":\"" + detail + "\"}");
  }
}
