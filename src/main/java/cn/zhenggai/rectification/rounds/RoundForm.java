package cn.zhenggai.rectification.rounds;

import cn.zhenggai.rectification.casework.CaseRounds;
import cn.zhenggai.rectification.vocabulary.LookBackPeriod;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What a supervisor types to create a round, or to correct its header while it is a draft.
 *
 * @param code left empty for the suggested one (year and kind, e.g. 2023-SZPY)
 * @param lookBackAfter 回头看时间: months (6) or an ISO-8601 period (P6M, PT2M); empty for the configured one
 */
public record RoundForm(String code, String name, String kind, LocalDate heldOn, LocalDate defaultDeadline,
    String lookBackAfter) {

  static final int MAX_NAME = 200;

  /** A round that keeps the configured look-back period. */
  public RoundForm(String code, String name, String kind, LocalDate heldOn, LocalDate defaultDeadline) {
    this(code, name, kind, heldOn, defaultDeadline, null);
  }

  /** The same form for another round code (a draft's header keeps its code). */
  public RoundForm withCode(String otherCode) {
    return new RoundForm(otherCode, name, kind, heldOn, defaultDeadline, lookBackAfter);
  }

  /** The round's own look-back period as stored (ISO-8601), or null for the configured one; call once it is checked. */
  String lookBackPeriod() {
    return lookBackAfter == null || lookBackAfter.isBlank() ? null : LookBackPeriod.parse(lookBackAfter).orElseThrow().iso();
  }

  /** Field → what is wrong with it, in Chinese; empty when the form is fine. */
  List<FieldError> problems(RoundProperties properties) {
    List<FieldError> problems = new ArrayList<>();
    if (code != null && !code.isBlank() && !code.strip().matches("[A-Za-z0-9][A-Za-z0-9-]{0,31}")) {
      problems.add(new FieldError("code", "批次代码只能由字母、数字和连字符组成，不超过 32 个字符，如 2023-SZPY"));
    } else if (code != null && code.strip().equalsIgnoreCase(CaseRounds.ALL)) {
      problems.add(new FieldError("code", "批次代码不能是 all：台账筛选中它表示“全部批次”"));
    }
    if (name == null || name.isBlank()) {
      problems.add(new FieldError("name", "请填写批次名称，如 2023年度抓基层党建工作述职评议"));
    } else if (name.length() > MAX_NAME) {
      problems.add(new FieldError("name", "批次名称不能超过 " + MAX_NAME + " 个字"));
    }
    if (kind == null || properties.kind(kind).isEmpty()) {
      problems.add(new FieldError("kind", "请选择批次类型：" + String.join("、",
          properties.kinds().stream().map(RoundProperties.Kind::name).toList())));
    }
    if (heldOn == null) {
      problems.add(new FieldError("heldOn", "请填写会议或报告日期"));
    }
    if (defaultDeadline == null) {
      problems.add(new FieldError("defaultDeadline", "请填写默认整改时限"));
    } else if (heldOn != null && defaultDeadline.isBefore(heldOn)) {
      problems.add(new FieldError("defaultDeadline", "默认整改时限不能早于会议日期"));
    }
    if (lookBackAfter != null && !lookBackAfter.isBlank() && LookBackPeriod.parse(lookBackAfter).isEmpty()) {
      problems.add(new FieldError("lookBackAfter", "回头看时间“" + lookBackAfter.strip() + "”" + LookBackPeriod.EXPECTED
          + "；不填则为系统默认"));
    }
    return problems;
  }

  /** One field at fault and what is wrong with it. */
  public record FieldError(String field, String message) {}
}
