package cn.zhenggai.rectification.casework;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The case register as JSON. */
@RestController
@RequestMapping("/api/cases")
class CaseController {

  private final CaseQueries queries;

  CaseController(CaseQueries queries) {
    this.queries = queries;
  }

  @GetMapping
  List<CaseQueries.CaseSummary> all() {
    return queries.all();
  }

  @GetMapping("/{problemId}")
  CaseQueries.CaseDetail one(@PathVariable String problemId) {
    return queries.one(problemId)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "没有编号为 " + problemId + " 的问题"));
  }
}
