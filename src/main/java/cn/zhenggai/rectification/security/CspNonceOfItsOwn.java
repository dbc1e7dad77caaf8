package cn.zhenggai.rectification.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives each request to Camunda's web applications a CSP nonce of its own. Camunda 7.24 writes the nonce of a
 * response's Content-Security-Policy header into the servlet context, one place shared by all requests, and writes the
 * page's script tags with whatever nonce is there when the page is rendered. A request that comes in between (any
 * other request under {@code /camunda/}, from anyone) replaces it: the page then carries another request's nonce, the
 * browser runs none of its scripts, and the person is left before a spinner that never ends. Here that one attribute
 * is kept on the request instead; everything else is the servlet context as it is.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class CspNonceOfItsOwn extends OncePerRequestFilter {

  /** Where Camunda's web applications keep the nonce (ContentSecurityPolicyProvider, ProcessEnginesFilter). */
  static final String NONCE = "org.camunda.bpm.csp.nonce";

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith(request.getContextPath() + "/camunda/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ServletContext ownNonce = withNonceOf(request, request.getServletContext());
    chain.doFilter(new HttpServletRequestWrapper(request) {
      @Override
      public ServletContext getServletContext() {
        return ownNonce;
      }
    }, response);
  }

  /** The servlet context, but for the nonce attribute, which lives on the request. */
  static ServletContext withNonceOf(HttpServletRequest request, ServletContext shared) {
    String onRequest = CspNonceOfItsOwn.class.getName() + ".nonce";
    return (ServletContext) Proxy.newProxyInstance(ServletContext.class.getClassLoader(), new Class<?>[] {ServletContext.class},
        (proxy, method, args) -> {
          if (args != null && args.length > 0 && NONCE.equals(args[0])) {
            switch (method.getName()) {
              case "getAttribute":
                return request.getAttribute(onRequest);
              case "setAttribute":
                request.setAttribute(onRequest, args[1]);
                return null;
              case "removeAttribute":
                request.removeAttribute(onRequest);
                return null;
              default:
                break;
            }
          }
          try {
            return method.invoke(shared, args);
          } catch (InvocationTargetException failure) {
            throw failure.getCause();
          }
        });
  }
}
