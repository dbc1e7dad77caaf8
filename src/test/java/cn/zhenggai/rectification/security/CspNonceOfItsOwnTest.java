package cn.zhenggai.rectification.security;

import static cn.zhenggai.rectification.security.CspNonceOfItsOwn.NONCE;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;

/**
 * Two page loads of Tasklist at once: each page is written with the nonce of its own Content-Security-Policy header,
 * as Camunda writes it (into the servlet context as the header is set, read back as the page is rendered).
 */
class CspNonceOfItsOwnTest {

  final MockServletContext shared = new MockServletContext();
  final CspNonceOfItsOwn filter = new CspNonceOfItsOwn();

  @Test
  void aRequestInBetweenLeavesThePageItsOwnNonce() throws Exception {
    List<Object> pages = new ArrayList<>();
    filter.doFilter(page("/camunda/app/tasklist/default/"), new MockHttpServletResponse(), (first, response) -> {
      first.getServletContext().setAttribute(NONCE, "first");
      filter.doFilter(page("/camunda/api/engine/engine/default/task/count"), new MockHttpServletResponse(), (second, ignored) -> {
        second.getServletContext().setAttribute(NONCE, "second");
        pages.add(second.getServletContext().getAttribute(NONCE));
      });
      pages.add(first.getServletContext().getAttribute(NONCE));
    });

    assertThat(pages).containsExactly("second", "first");
    assertThat(shared.getAttribute(NONCE)).as("nothing shared").isNull();
  }

  @Test
  void everythingElseIsTheServletContextAsItIs() throws Exception {
    shared.setAttribute("org.camunda.bpm.engine.name", "default");
    List<ServletContext> seen = new ArrayList<>();
    filter.doFilter(page("/camunda/app/cockpit/default/"), new MockHttpServletResponse(), (request, response) -> {
      request.getServletContext().setAttribute("written", "through");
      seen.add(request.getServletContext());
    });

    assertThat(seen.get(0).getAttribute("org.camunda.bpm.engine.name")).isEqualTo("default");
    assertThat(seen.get(0).getContextPath()).isEqualTo(shared.getContextPath());
    assertThat(shared.getAttribute("written")).isEqualTo("through");
  }

  @Test
  void requestsOutsideCamundasApplicationsAreLeftAlone() throws Exception {
    MockHttpServletRequest supervision = page("/supervision/");
    List<ServletContext> seen = new ArrayList<>();
    filter.doFilter(supervision, new MockHttpServletResponse(), (request, response) -> seen.add(request.getServletContext()));

    assertThat(seen).containsExactly(shared);
  }

  private MockHttpServletRequest page(String path) {
    return new MockHttpServletRequest(shared, "GET", path);
  }
}
