package cn.zhenggai.rectification.rounds;

import cn.zhenggai.rectification.casework.CaseRounds;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What a supervisor types to create a round, or to correct its header while it is a draft.
 *
 * @param code left empty for the suggested one (year and kind, e.g. 2023-SZPY)
 */
public record RoundForm(String code, String name, String kind, LocalDate heldOn, LocalDate defaultDeadline) {

  static final int MAX_NAME = 200;

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
    return problems;
  }

  /** One field at fault and what is wrong with it. */
  public record FieldError(String field, String message) {}
}
