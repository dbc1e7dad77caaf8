package cn.zhenggai.rectification.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over 1 MB with 413: no form of this product needs more (the longest field takes 4,000
 * characters), and a huge body should not tie up memory or the database. File uploads (multipart, the speech or report
 * of a round) may take up to {@code spring.servlet.multipart.max-request-size}, which is set a little above
 * {@code rectification.rounds.max-upload}: a file somewhat too large still reaches the page, which says in Chinese how
 * large it may be, and only one far too large is refused here unread. A declared length is refused before anything
 * reads it; any other body sent without one (chunked) is read up to the limit here, so it is refused the same way
 * instead of failing halfway through a request.
 *
 * <p>An evidence file (佐证材料) comes as the raw body of a POST under {@code /evidence/} ({@code application/octet-stream})
 * and may take up to {@code rectification.evidence.max-file-size}: a declared length over it is refused here unread,
 * naming the file; a body sent in chunks goes on unread, as its receiver writes it to disk, counting, and refuses it
 * as soon as it passes the limit (never held in memory, whatever its size).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimit extends OncePerRequestFilter {

  static final long MAX_BYTES = 1024 * 1024;
  static final String TOO_LARGE = "请求内容超过 1 MB";

  private final long maxUploadBytes;
  private final String uploadTooLarge;
  private final long maxEvidenceBytes;

  RequestSizeLimit(@Value("${spring.servlet.multipart.max-request-size:1MB}") DataSize maxUpload,
      @Value("${rectification.evidence.max-file-size:20MB}") DataSize maxEvidence) {
    this.maxUploadBytes = Math.max(MAX_BYTES, maxUpload.toBytes());
    this.uploadTooLarge = "上传的内容超过 " + maxUploadBytes / MAX_BYTES + " MB";
    this.maxEvidenceBytes = maxEvidence.toBytes();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (evidenceFile(request)) {
      if (request.getContentLengthLong() > maxEvidenceBytes) {
        ProblemJson.write(response, HttpStatus.PAYLOAD_TOO_LARGE,
            "文件" + quoted(request.getParameter("name")) + "超过了单个文件 " + maxEvidenceBytes / MAX_BYTES + " MB 的上限");
        return;
      }
      chain.doFilter(request, response);
      return;
    }
    boolean upload = request.getContentType() != null
        && request.getContentType().toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    long limit = upload ? maxUploadBytes : MAX_BYTES;
    String tooLarge = upload ? uploadTooLarge : TOO_LARGE;
    if (request.getContentLengthLong() > limit) {
      ProblemJson.write(response, HttpStatus.PAYLOAD_TOO_LARGE, tooLarge);
      return;
    }
    // an upload sent without a length is left to the servlet container's multipart limits: its parts are read from the
    // connection itself, so a body read here first would leave the file part empty
    if (request.getContentLengthLong() >= 0 || request.getHeader("Transfer-Encoding") == null || upload) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readNBytes((int) limit + 1);
    if (body.length > limit) {
      ProblemJson.write(response, HttpStatus.PAYLOAD_TOO_LARGE, tooLarge);
      return;
    }
    chain.doFilter(new BodyAlreadyRead(request, body), response);
  }

  private static boolean evidenceFile(HttpServletRequest request) {
    return "POST".equals(request.getMethod())
        && request.getRequestURI().startsWith(request.getContextPath() + "/evidence/")
        && request.getContentType() != null
        && request.getContentType().toLowerCase(Locale.ROOT).startsWith("application/octet-stream");
  }

  /** “name”, without what would break the JSON it goes into (the name is checked later, where it is stored). */
  private static String quoted(String name) {
    return name == null ? "" : "“" + name.replaceAll("[\\\\\"\\p{Cntrl}]", "") + "”";
  }
}
