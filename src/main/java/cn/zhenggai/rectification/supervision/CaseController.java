package cn.zhenggai.rectification.supervision;

import cn.zhenggai.rectification.casework.CaseQueries;
import cn.zhenggai.rectification.security.Viewer;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.server.ResponseStatusException;

/** The case register as JSON, to each signed-in user what they may see. */
@RestController
@RequestMapping("/api/cases")
class CaseController {

  /** Problems per answer unless the client asks for another number. */
  static final int PAGE = 500;

  private final CaseQueries queries;
  private final CaseDetails details;

  CaseController(CaseQueries queries, CaseDetails details) {
    this.queries = queries;
    this.details = details;
  }

  @GetMapping
  @Operation(summary = "问题列表：每人只看到有权看到的问题，按问题编号分页",
      description = "按问题编号（案件键）排序，每次最多 limit 个（默认 " + PAGE + "，最多 " + CaseQueries.MOST + "）。"
          + "还有下一页时，应答头 Link 给出下一页的地址（rel=\"next\"，即 after=本页最后一个问题的编号）；没有 Link 即已到最后一页。")
  ResponseEntity<List<CaseQueries.CaseSummary>> all(
      @Parameter(description = "翻页：上一页最后一个问题的编号（见应答头 Link）") @RequestParam(required = false) String after,
      @Parameter(description = "每页问题数，1 到 1000") @RequestParam(defaultValue = "" + PAGE) int limit,
      Authentication user) {
    CaseQueries.CasePage page = queries.page(Viewer.of(user), after == null || after.isBlank() ? null : after.strip(), limit);
    ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
    if (page.next() != null) {
      String next = UriComponentsBuilder.fromPath("/api/cases").queryParam("after", page.next()).queryParam("limit", limit)
          .encode().build().toUriString();
      answer.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
    }
    return answer.body(page.cases());
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail badPage(IllegalArgumentException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  /** A problem by its case key {@code <round code>/<number>}; one the user may not see is answered as if it did not exist. */
  @GetMapping("/{round}/{number}")
  @Operation(summary = "一个问题：各单位进度、办理时间线、催办记录",
      description = "案件键 `<批次代码>/<问题编号>`，如 `/api/cases/2022-SZPY/1.1`；无权查看的问题与不存在的一样回答 404。"
          + "units[].colour 为各单位的督办颜色，summary.colour 为其中最差的（红、黄、蓝，各单位都按期办结才为绿）；"
          + "units[].extension 为延期，units[].lookBack 为回头看与复号次数。")
  CaseDetails.CaseDetail one(@Parameter(description = "批次代码，如 2022-SZPY") @PathVariable String round,
      @Parameter(description = "批次内的问题编号，如 1.1") @PathVariable String number, Authentication user) {
    String key = RectificationCaseProcess.caseKey(round, number);
    return details.one(key, Viewer.of(user))
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "没有编号为 " + key + " 的问题"));
  }
}
