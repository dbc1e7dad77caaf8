package cn.zhenggai.rectification.supervision;

import cn.zhenggai.rectification.casework.CaseRounds;
import cn.zhenggai.rectification.casework.Overview;
import cn.zhenggai.rectification.casework.Statistics;
import cn.zhenggai.rectification.vocabulary.EngineClock;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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
  private final CaseRounds rounds;

  SupervisionApi(Overview overview, Statistics statistics, CaseRounds rounds) {
    this.overview = overview;
    this.statistics = statistics;
    this.rounds = rounds;
  }

  @GetMapping("/api/ledger/overview")
  @Operation(summary = "总览：各督办颜色、各环节、各状态事项数，已发出的黄牌、红牌，各单位逾期，即将到期的事项",
      description = "默认只统计进行中的整改批次（尚有未结案件的批次）；round 选一个批次或全部。byColour 各颜色的事项数与台账按"
          + " colour 筛选的条数相同；longOverdueByUnit 为各单位红色（严重逾期）的事项数。" + LedgerController.KEYS)
  Overview.Figures overview(@Parameter(description = LedgerController.ROUND) @RequestParam(required = false) String round) {
    return overview.figures(rounds.scope(round), EngineClock.timestamp());
  }

  @GetMapping("/api/ledger/statistics")
  @Operation(summary = "统计排名：每个单位的事项数、已完成、按期完成率、平均办结天数、退回次数、当前逾期、延期次数、复号次数",
      description = "默认只统计进行中的整改批次；round 选一个批次或全部。")
  List<Statistics.UnitFigures> statistics(
      @Parameter(description = "排序：rate（按期完成率，默认）、items、closed、returns、overdue、days")
      @RequestParam(required = false) String order,
      @Parameter(description = LedgerController.ROUND) @RequestParam(required = false) String round) {
    return statistics.byUnit(order, rounds.scope(round), EngineClock.timestamp());
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail badOrder(IllegalArgumentException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
  }
}
