package cn.zhenggai.rectification.casework;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.vocabulary.LookBackResult;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The ledger's 回头看 and 延期至 texts, state by state as parts 1 and 3 of issue 16 write them to the register. */
class UnitLookBackTest {

  static final LocalDate DUE = LocalDate.of(2027, 12, 31);

  @Test
  void theLookBackColumnFollowsTheItemThroughLookBackAndReopening() {
    assertThat(new UnitLookBack(null, null, false, 0).text()).as("at work").isEmpty();
    assertThat(new UnitLookBack(null, null, true, 0).text()).as("accepted, the problem not closed yet").isEmpty();
    assertThat(new UnitLookBack(null, DUE, true, 0).text()).as("the problem closed").isEqualTo("待回头看 2027-12-31");
    assertThat(new UnitLookBack(LookBackResult.PENDING, DUE, true, 0).text()).isEqualTo("回头看中");
    assertThat(new UnitLookBack(LookBackResult.CONSOLIDATED, DUE, true, 0).text()).isEqualTo("整改成果巩固");
    assertThat(new UnitLookBack(LookBackResult.REOPENED, DUE, false, 1).text()).as("rectified again").isEqualTo("已复号");
    assertThat(new UnitLookBack(LookBackResult.REOPENED, DUE.plusMonths(7), true, 1).text())
        .as("accepted again, its problem closed again")
        .isEqualTo("待回头看 2028-07-31");
    assertThat(new UnitLookBack(LookBackResult.REOPENED, null, true, 1).text()).as("accepted again, the problem still open")
        .isEqualTo("已复号");
  }

  @Test
  void theExtensionColumnSaysWhoseDeadlineMoved() {
    assertThat(new UnitExtension(null, null, 0, null).text()).isEmpty();
    assertThat(new UnitExtension(LocalDate.of(2027, 7, 15), "RECTIFY", 1, null).text()).isEqualTo("2027-07-15（整改）");
    assertThat(new UnitExtension(LocalDate.of(2027, 5, 1), "DRAFT_PLAN", 2, null).text()).isEqualTo("2027-05-01（方案）");
  }
}
