package cn.zhenggai.rectification.supervision;

import cn.zhenggai.rectification.audit.AuditAction;
import cn.zhenggai.rectification.audit.AuditTrail;
import cn.zhenggai.rectification.casework.CaseRounds;
import cn.zhenggai.rectification.casework.Ledger;
import cn.zhenggai.rectification.casework.LedgerCursor;
import cn.zhenggai.rectification.casework.LedgerFilter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ledger for supervisors: as JSON, and as the Excel and CSV files handed to higher authorities (each download
 * recorded in the audit trail with its filter).
 */
@RestController
class LedgerController {

  static final String ROUND = "整改批次：批次代码（如 2023-XCFK）或 all（全部批次）；不填为进行中的批次（尚有未结案件的批次）";
  static final String KEYS = "问题编号（problemId）为“批次代码/问题编号”，如 2022-SZPY/1.1，各批次各自编号，互不冲突；"
      + "problemNumber 为批次内的编号，roundName 为批次名称。";

  static final String COLOURS = "colour 为督办颜色（BLUE 蓝：即将到期，YELLOW 黄：逾期，RED 红：逾期超过 red-after，"
      + "GREEN 绿：按期办结，NONE 无），colourName 为其中文名，读取时按当前时间计算；card 为已发出的黄牌、红牌通知的记录。";

  static final String AFTER = "翻页：上一页返回的 next（不透明的翻页位置，其后的行为下一页；next 为 null 即已到最后一页），"
      + "排序与筛选须与上一页相同；深处的页也一样快。按 after 取的页不再计总数，total 为 null（总数见第一页）。"
      + "offset 仍可用于前几页，与 after 不能同时使用。";

  /**
   * A page; next is the {@code after} of the following page, null on the last one; total is counted on pages without
   * {@code after} only (a province's rows are not counted again for every page).
   */
  record Page(Long total, int offset, int limit, String next, List<Ledger.Row> rows) {}

  private final Ledger ledger;
  private final LedgerExport export;
  private final CaseRounds rounds;
  private final AuditTrail trail;

  LedgerController(Ledger ledger, LedgerExport export, CaseRounds rounds, AuditTrail trail) {
    this.ledger = ledger;
    this.trail = trail;
    this.export = export;
    this.rounds = rounds;
  }

  @GetMapping("/api/ledger")
  @Operation(summary = "整改台账：每个问题 × 责任单位一行，分页",
      description = "默认只列进行中的整改批次的事项；round 选一个批次或全部（all）。按 problem 排序时先按批次，"
          + "批次内按编号的数字排（1.2 在 1.10 之前）。" + KEYS + "evidenceFiles 为该事项佐证材料的文件名（按上传先后），"
          + "evidenceCount 为份数。deadline 为原定时限（问题的整改时限）；extension 为经批准的延期（until 延期至，stage 为"
          + " DRAFT_PLAN 方案或 RECTIFY 整改，count 延期次数，pendingUntil 待审批的申请日期）；lookBack 为回头看（text 如“待回头看"
          + " 2027-12-31”“回头看中”“整改成果巩固”“已复号”，reopenings 复号次数）。" + COLOURS)
  @Parameters({
      @Parameter(in = ParameterIn.QUERY, name = "round", description = ROUND),
      @Parameter(in = ParameterIn.QUERY, name = "unit", description = "责任单位（组编号），如 street-chengguan"),
      @Parameter(in = ParameterIn.QUERY, name = "category", description = "问题类别"),
      @Parameter(in = ParameterIn.QUERY, name = "stage", description = "环节：DRAFT_PLAN、REVIEW_PLAN、RECTIFY、ACCEPT_RECTIFICATION、ACCEPTED、LOOK_BACK（回头看中）、CANCELLED、CARRIED_OVER"),
      @Parameter(in = ParameterIn.QUERY, name = "status", description = "状态：OPEN、CLOSED、CANCELLED、CARRIED_OVER"),
      @Parameter(in = ParameterIn.QUERY, name = "overdue", description = "true：只看逾期"),
      @Parameter(in = ParameterIn.QUERY, name = "colour", description = "督办颜色：BLUE（蓝，即将到期）、YELLOW（黄，逾期）、"
          + "RED（红，严重逾期）、GREEN（绿，按期办结）"),
      @Parameter(in = ParameterIn.QUERY, name = "sort", description = "排序：problem（默认）、unit、deadline、due、stage、returns"),
      @Parameter(in = ParameterIn.QUERY, name = "desc", description = "true：倒序"),
      @Parameter(in = ParameterIn.QUERY, name = "after", description = AFTER)})
  Page rows(@Parameter(hidden = true) @RequestParam Map<String, String> query,
      @RequestParam(defaultValue = "0") int offset,
      @RequestParam(defaultValue = "100") int limit) {
    if (offset < 0 || limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("offset 不能为负，limit 应在 1 到 1000 之间");
    }
    LedgerFilter filter = LedgerFilter.from(query, rounds);
    LedgerCursor after = filter.cursor(query.get("after"));
    if (after != null && offset > 0) {
      throw new IllegalArgumentException("after 与 offset 不能同时使用：按 after 翻页时不填 offset");
    }
    Ledger.Slice slice = ledger.page(filter, after, offset, limit);
    return new Page(after == null ? ledger.count(filter) : null, offset, limit,
        slice.next() == null ? null : slice.next().encoded(), slice.rows());
  }

  @GetMapping("/supervision/ledger.xlsx")
  void xlsx(@RequestParam Map<String, String> query, HttpServletResponse response) throws IOException {
    LedgerFilter filter = LedgerFilter.from(query, rounds);
    ExportName name = ExportName.of(filter.rounds(), "xlsx");
    recordExport(name, query);
    download(response, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
    export.xlsx(filter, response.getOutputStream());
  }

  @GetMapping("/supervision/ledger.csv")
  void csv(@RequestParam Map<String, String> query, HttpServletResponse response) throws IOException {
    LedgerFilter filter = LedgerFilter.from(query, rounds);
    ExportName name = ExportName.of(filter.rounds(), "csv");
    recordExport(name, query);
    download(response, "text/csv;charset=UTF-8", name);
    export.csv(filter, response.getOutputStream());
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail badFilter(IllegalArgumentException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  /** Who took which ledger file, with the filter as it was asked for. */
  private void recordExport(ExportName name, Map<String, String> query) {
    trail.record(AuditTrail.Entry.of(AuditAction.LEDGER_EXPORTED, name.chinese(), new TreeMap<>(query).toString()));
  }

  private static void download(HttpServletResponse response, String type, ExportName name) {
    response.setContentType(type);
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, name.contentDisposition());
  }
}
