package cn.zhenggai.rectification.supervision;

import cn.zhenggai.rectification.casework.Overview;
import cn.zhenggai.rectification.casework.Statistics;
import cn.zhenggai.rectification.vocabulary.EngineClock;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The overview and the statistics of the supervision pages as JSON (the ledger is in {@link LedgerController}). */
@RestController
class SupervisionApi {

  private final Overview overview;
  private final Statistics statistics;

  SupervisionApi(Overview overview, Statistics statistics) {
    this.overview = overview;
    this.statistics = statistics;
  }

  @GetMapping("/api/ledger/overview")
  Overview.Figures overview() {
    return overview.figures(EngineClock.timestamp());
  }

  @GetMapping("/api/ledger/statistics")
  List<Statistics.UnitFigures> statistics(@RequestParam(required = false) String order) {
    return statistics.byUnit(order, EngineClock.timestamp());
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail badOrder(IllegalArgumentException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
  }
}
