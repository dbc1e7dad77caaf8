package cn.zhenggai.rectification.supervision;

import cn.zhenggai.rectification.casework.CaseQueries;
import cn.zhenggai.rectification.security.Viewer;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The case register as JSON, to each signed-in user what they may see. */
@RestController
@RequestMapping("/api/cases")
class CaseController {

  private final CaseQueries queries;
  private final CaseDetails details;

  CaseController(CaseQueries queries, CaseDetails details) {
    this.queries = queries;
    this.details = details;
  }

  @GetMapping
  List<CaseQueries.CaseSummary> all(Authentication user) {
    return queries.all(Viewer.of(user));
  }

  /** A problem by its case key {@code <round code>/<number>}; one the user may not see is answered as if it did not exist. */
  @GetMapping("/{round}/{number}")
  CaseDetails.CaseDetail one(@PathVariable String round, @PathVariable String number, Authentication user) {
    String key = RectificationCaseProcess.caseKey(round, number);
    return details.one(key, Viewer.of(user))
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "没有编号为 " + key + " 的问题"));
  }
}
