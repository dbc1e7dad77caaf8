package cn.zhenggai.rectification.supervision;

import cn.zhenggai.rectification.casework.CaseRounds;
import cn.zhenggai.rectification.casework.Ledger;
import cn.zhenggai.rectification.casework.LedgerCursor;
import cn.zhenggai.rectification.casework.LedgerFilter;
import cn.zhenggai.rectification.casework.Overview;
import cn.zhenggai.rectification.casework.Statistics;
import cn.zhenggai.rectification.security.Viewer;
import cn.zhenggai.rectification.vocabulary.Colour;
import cn.zhenggai.rectification.vocabulary.EngineClock;
import cn.zhenggai.rectification.vocabulary.GroupType;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.Stage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The supervision pages: overview, ledger, a case, statistics, each with the legend of the 督办 colours. Plain HTML from
 * the server, ECharts for the chart.
 */
@Controller
@RequestMapping("/supervision")
class SupervisionPages {

  static final int PAGE = 100;
  private static final List<Stage> UNIT_STAGES = List.of(Stage.DRAFT_PLAN, Stage.REVIEW_PLAN, Stage.RECTIFY,
      Stage.ACCEPT_RECTIFICATION, Stage.ACCEPTED, Stage.LOOK_BACK, Stage.CANCELLED, Stage.CARRIED_OVER);

  private final Overview overview;
  private final Ledger ledger;
  private final Statistics statistics;
  private final CaseDetails cases;
  private final CaseRounds rounds;
  private final IdentityService identity;
  private final ObjectMapper json;
  private final CaseAmendmentForms amendments;
  private final Legend legend;

  SupervisionPages(Overview overview, Ledger ledger, Statistics statistics, CaseDetails cases, CaseRounds rounds,
      IdentityService identity, ObjectMapper json, CaseAmendmentForms amendments, Legend legend) {
    this.overview = overview;
    this.ledger = ledger;
    this.statistics = statistics;
    this.cases = cases;
    this.rounds = rounds;
    this.identity = identity;
    this.json = json;
    this.amendments = amendments;
    this.legend = legend;
  }

  @ModelAttribute("legend")
  Legend legend() {
    return legend;
  }

  @GetMapping({"", "/"})
  String overview(@RequestParam(required = false) String round, Model model) throws JsonProcessingException {
    CaseRounds.Scope scope = rounds.scope(round);
    Overview.Figures figures = overview.figures(scope, now());
    roundChoice(model, scope);
    model.addAttribute("figures", figures);
    model.addAttribute("chart", json.writeValueAsString(chart(figures)));
    return "supervision/overview";
  }

  @GetMapping("/ledger")
  String ledger(@RequestParam Map<String, String> parameters, @RequestParam(defaultValue = "0") int offset,
      Model model) {
    LedgerFilter filter = LedgerFilter.from(parameters, rounds);
    String query = UriComponentsBuilder.newInstance()
        .queryParamIfPresent("round", java.util.Optional.ofNullable(filter.rounds().choice()))
        .queryParamIfPresent("unit", java.util.Optional.ofNullable(filter.unit()))
        .queryParamIfPresent("category", java.util.Optional.ofNullable(filter.category()))
        .queryParamIfPresent("stage", java.util.Optional.ofNullable(filter.stage()))
        .queryParamIfPresent("status", java.util.Optional.ofNullable(filter.status()))
        .queryParamIfPresent("colour", java.util.Optional.ofNullable(filter.colour()).map(Colour::name))
        .queryParam("overdue", filter.overdue())
        .queryParam("sort", filter.sort())
        .queryParam("desc", filter.descending())
        .encode().build().getQuery();
    model.addAttribute("filter", filter);
    roundChoice(model, filter.rounds());
    // with after (下一页), offset only says where the page stands, for its "第 n–m 条"
    LedgerCursor after = filter.cursor(parameters.get("after"));
    Ledger.Slice slice = ledger.page(filter, after, after == null ? Math.max(0, offset) : 0, PAGE);
    model.addAttribute("rows", slice.rows());
    model.addAttribute("next", slice.next() == null ? null : slice.next().encoded());
    model.addAttribute("total", after == null ? ledger.count(filter) : carriedTotal(parameters.get("total"), filter));
    model.addAttribute("offset", Math.max(0, offset));
    model.addAttribute("page", PAGE);
    model.addAttribute("query", query);
    model.addAttribute("units", identity.createGroupQuery().groupType(GroupType.UNIT.name()).orderByGroupId().asc().list());
    model.addAttribute("categories", ledger.categories());
    model.addAttribute("stages", UNIT_STAGES);
    model.addAttribute("sorts", Map.of("problem", "问题编号", "unit", "责任单位", "deadline", "整改时限", "due", "当前截止日期",
        "stage", "环节", "returns", "退回次数"));
    return "supervision/ledger";
  }

  /**
   * The total the first page counted, carried by its 下一页 link: counting a province's rows again on every deeper page
   * would cost more than reading the page. Without it (a link typed by hand), counted afresh.
   */
  private long carriedTotal(String total, LedgerFilter filter) {
    if (total == null) {
      return ledger.count(filter);
    }
    if (!total.matches("\\d{1,12}")) {
      throw new IllegalArgumentException("总条数 total 不正确：请使用页面上的“下一页”链接");
    }
    return Long.parseLong(total);
  }

  @GetMapping("/cases/{round}/{number}")
  String caseDetail(@PathVariable String round, @PathVariable String number, Authentication user, Model model) {
    String key = RectificationCaseProcess.caseKey(round, number);
    CaseDetails.CaseDetail detail = cases.one(key, Viewer.of(user))
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "没有编号为 " + key + " 的问题"));
    model.addAttribute("detail", detail);
    model.addAttribute("round", round);
    model.addAttribute("number", number);
    model.addAttribute("supervisors", detail.supervisors().stream().map(this::groupName).toList());
    amendments.addTo(model, detail, user.getName());
    return "supervision/case";
  }

  @GetMapping("/statistics")
  String statistics(@RequestParam(required = false) String order, @RequestParam(required = false) String round,
      Model model) {
    CaseRounds.Scope scope = rounds.scope(round);
    model.addAttribute("figures", statistics.byUnit(order, scope, now()));
    roundChoice(model, scope);
    model.addAttribute("order", order == null ? "rate" : order);
    return "supervision/statistics";
  }

  @ExceptionHandler(IllegalArgumentException.class)
  String badFilter(IllegalArgumentException e, Model model, jakarta.servlet.http.HttpServletResponse response) {
    response.setStatus(HttpStatus.BAD_REQUEST.value());
    model.addAttribute("message", e.getMessage());
    return "supervision/error";
  }

  /** The overdue items of each unit, yellow and red apart, in the legend's colours. */
  private Map<String, Object> chart(Overview.Figures figures) {
    List<String> units = List.copyOf(figures.overdueByUnit().keySet());
    List<Integer> red = units.stream().map(unit -> figures.longOverdueByUnit().getOrDefault(unit, 0)).toList();
    List<Integer> yellow = java.util.stream.IntStream.range(0, units.size())
        .mapToObj(i -> figures.overdueByUnit().get(units.get(i)) - red.get(i)).toList();
    return Map.of("units", units, "yellow", series(Colour.YELLOW, yellow), "red", series(Colour.RED, red));
  }

  private Map<String, Object> series(Colour colour, List<Integer> counts) {
    Legend.Entry entry = legend.of(colour);
    return Map.of("name", entry.text(), "colour", "#" + entry.rgb(), "counts", counts);
  }

  /** The round select of each page: every round, newest first, and the one(s) in view. */
  private void roundChoice(Model model, CaseRounds.Scope scope) {
    model.addAttribute("scope", scope);
    model.addAttribute("rounds", rounds.all());
  }

  private String groupName(String id) {
    Group group = identity.createGroupQuery().groupId(id).singleResult();
    return group == null ? id : group.getName();
  }

  private static Timestamp now() {
    return EngineClock.timestamp();
  }

}
