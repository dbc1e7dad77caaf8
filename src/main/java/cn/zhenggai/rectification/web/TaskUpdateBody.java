package cn.zhenggai.rectification.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tasklist saves a task (a new due or follow-up date) by sending it back whole, with the reference to its form
 * ({@code camundaFormRef}) that the REST API itself handed out but cannot read back: every such save was refused as a
 * malformed body. The reference says nothing the save needs, so it is taken out of the body before the API reads it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class TaskUpdateBody extends OncePerRequestFilter {

  private static final Pattern TASK = Pattern.compile("/(engine-rest(/engine/[^/]+)?|camunda/api/engine/engine/[^/]+)/task/[^/]+$");
  private static final String FORM_REFERENCE = "camundaFormRef";

  private final ObjectMapper json = new ObjectMapper();

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"PUT".equals(request.getMethod()) || !TASK.matcher(request.getRequestURI()).find();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] body = request.getInputStream().readAllBytes();
    try {
      JsonNode task = json.readTree(body);
      if (task instanceof ObjectNode fields && fields.remove(FORM_REFERENCE) != null) {
        body = json.writeValueAsBytes(fields);
      }
    } catch (IOException unreadable) {
      // left as it came: the API answers a body that is not JSON with its own 400
    }
    chain.doFilter(new BodyAlreadyRead(request, body), response);
  }
}
