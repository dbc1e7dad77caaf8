package cn.zhenggai.rectification.supervision;

import cn.zhenggai.rectification.casework.Ledger;
import cn.zhenggai.rectification.casework.LedgerFilter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The ledger for supervisors: as JSON, and as the Excel and CSV files handed to higher authorities. */
@RestController
class LedgerController {

  record Page(long total, int offset, int limit, List<Ledger.Row> rows) {}

  private final Ledger ledger;
  private final LedgerExport export;

  LedgerController(Ledger ledger, LedgerExport export) {
    this.ledger = ledger;
    this.export = export;
  }

  @GetMapping("/api/ledger")
  Page rows(@RequestParam Map<String, String> query,
      @RequestParam(defaultValue = "0") int offset,
      @RequestParam(defaultValue = "100") int limit) {
    if (offset < 0 || limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("offset 不能为负，limit 应在 1 到 1000 之间");
    }
    LedgerFilter filter = LedgerFilter.from(query);
    return new Page(ledger.count(filter), offset, limit, ledger.rows(filter, offset, limit));
  }

  @GetMapping("/supervision/ledger.xlsx")
  void xlsx(@RequestParam Map<String, String> query, HttpServletResponse response) throws IOException {
    LedgerFilter filter = LedgerFilter.from(query);
    download(response, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "整改台账.xlsx");
    export.xlsx(filter, response.getOutputStream());
  }

  @GetMapping("/supervision/ledger.csv")
  void csv(@RequestParam Map<String, String> query, HttpServletResponse response) throws IOException {
    LedgerFilter filter = LedgerFilter.from(query);
    download(response, "text/csv;charset=UTF-8", "整改台账.csv");
    export.csv(filter, response.getOutputStream());
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail badFilter(IllegalArgumentException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  private static void download(HttpServletResponse response, String type, String name) {
    response.setContentType(type);
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
        ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString());
  }
}
