package cn.zhenggai.rectification.supervision;

import cn.zhenggai.rectification.audit.AuditAction;
import cn.zhenggai.rectification.audit.AuditFilter;
import cn.zhenggai.rectification.audit.AuditQuery;
import cn.zhenggai.rectification.audit.AuditRecord;
import cn.zhenggai.rectification.audit.AuditTrail;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The audit trail for supervisors and administrators (see security.WebSecurity): who did what and when, newest first,
 * {@value #PAGE} a page, filtered by person, case, action and days; and the same as an Excel file, whose download is
 * itself recorded.
 */
@Controller
class AuditPages {

  static final int PAGE = 100;

  /** One entry as the page shows it: its cells as in the Excel file. */
  record Line(AuditRecord entry, List<String> cells) {}

  private final AuditQuery audit;
  private final AuditExport export;
  private final AuditTrail trail;

  AuditPages(AuditQuery audit, AuditExport export, AuditTrail trail) {
    this.audit = audit;
    this.export = export;
    this.trail = trail;
  }

  @GetMapping("/supervision/audit")
  String page(@RequestParam Map<String, String> query, Model model) {
    AuditFilter filter = AuditFilter.from(query);
    int page = page(query.get("page"));
    long total = audit.count(filter);
    model.addAttribute("filter", filter);
    model.addAttribute("title", AuditExport.title(filter));
    model.addAttribute("total", total);
    model.addAttribute("page", page);
    model.addAttribute("pages", Math.max(1, (total + PAGE - 1) / PAGE));
    model.addAttribute("lines", audit.page(filter, (long) (page - 1) * PAGE, PAGE).stream()
        .map(entry -> new Line(entry, export.cells(entry))).toList());
    model.addAttribute("actions", AuditAction.values());
    model.addAttribute("query", query(filter));
    return "supervision/audit";
  }

  @GetMapping("/supervision/audit.xlsx")
  void xlsx(@RequestParam Map<String, String> query, HttpServletResponse response) throws IOException {
    AuditFilter filter = AuditFilter.from(query);
    trail.record(AuditTrail.Entry.of(AuditAction.AUDIT_EXPORTED, null, AuditExport.title(filter)));
    response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit.xlsx\"; filename*=UTF-8''"
        + UriUtils.encode("审计记录.xlsx", StandardCharsets.UTF_8));
    export.xlsx(filter, response.getOutputStream());
  }

  @ExceptionHandler(IllegalArgumentException.class)
  String badFilter(IllegalArgumentException e, Model model, HttpServletResponse response) {
    response.setStatus(HttpStatus.BAD_REQUEST.value());
    model.addAttribute("message", e.getMessage());
    return "supervision/error";
  }

  private static int page(String text) {
    if (text == null || text.isBlank()) {
      return 1;
    }
    try {
      int page = Integer.parseInt(text.strip());
      if (page >= 1) {
        return page;
      }
    } catch (NumberFormatException notANumber) {
      // refused below
    }
    throw new IllegalArgumentException("页码 page 应为从 1 起的整数");
  }

  /** The filter as a query string, for the next page's and the file's links. */
  private static String query(AuditFilter filter) {
    UriComponentsBuilder query = UriComponentsBuilder.newInstance();
    if (filter.person() != null) {
      query.queryParam("person", filter.person());
    }
    if (filter.problemId() != null) {
      query.queryParam("case", filter.problemId());
    }
    if (filter.action() != null) {
      query.queryParam("action", filter.action());
    }
    if (filter.from() != null) {
      query.queryParam("from", filter.from());
    }
    if (filter.to() != null) {
      query.queryParam("to", filter.to());
    }
    String encoded = query.encode().build().getQuery();
    return encoded == null ? "" : encoded;
  }
}
