package cn.zhenggai.rectification.rounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A round's header names every field at fault, each with what to write instead. */
class RoundFormTest {

  static final RoundProperties PROPERTIES = new RoundProperties(
      List.of(new RoundProperties.Kind("述职评议", "SZPY"), new RoundProperties.Kind("巡察反馈", "XCFK")), null, List.of("org-dept"));

  @Test
  void aCompleteFormHasNoProblems() {
    assertThat(new RoundForm(null, "2023年度抓基层党建工作述职评议", "述职评议", LocalDate.of(2024, 1, 18),
        LocalDate.of(2024, 12, 31)).problems(PROPERTIES)).isEmpty();
  }

  @Test
  void eachFieldAtFaultIsNamed() {
    assertThat(new RoundForm("2023 SZPY", " ", "年中检查", null, null).problems(PROPERTIES))
        .extracting(RoundForm.FieldError::field, RoundForm.FieldError::message)
        .containsExactly(
            tuple("code", "批次代码只能由字母、数字和连字符组成，不超过 32 个字符，如 2023-SZPY"),
            tuple("name", "请填写批次名称，如 2023年度抓基层党建工作述职评议"),
            tuple("kind", "请选择批次类型：述职评议、巡察反馈"),
            tuple("heldOn", "请填写会议或报告日期"),
            tuple("defaultDeadline", "请填写默认整改时限"));
  }

  @Test
  void theLedgersWordForEveryRoundAndADeadlineBeforeTheMeetingAreRefused() {
    assertThat(new RoundForm("ALL", "名称", "巡察反馈", LocalDate.of(2024, 5, 1), LocalDate.of(2024, 4, 1)).problems(PROPERTIES))
        .extracting(RoundForm.FieldError::field).containsExactly("code", "defaultDeadline");
  }
}
