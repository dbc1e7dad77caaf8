package cn.zhenggai.rectification.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Period;
import org.junit.jupiter.api.Test;

/** The retention in whole days, never fewer than the period's own: Camunda's time to live and our cut-off. */
class RetentionPeriodTest {

  @Test
  void tenYearsAreTheDaysOfTenYearsWithTheirLeapDays() {
    assertThat(days("P10Y")).isEqualTo(3653);
    assertThat(days("P1Y")).isEqualTo(366);
    assertThat(days("P6M")).isEqualTo(186);
    assertThat(days("P1D")).isEqualTo(1);
    assertThat(days("P1Y6M")).isEqualTo(366 + 186);
  }

  @Test
  void noRetentionOrANegativeOneIsRefusedNamingTheKey() {
    assertThatThrownBy(() -> days("P0D")).hasMessageStartingWith("rectification.retention = P0D：");
    assertThatThrownBy(() -> days("P1Y-400D")).hasMessageContaining("rectification.retention");
  }

  private static int days(String period) {
    return new RetentionPeriod(Period.parse(period)).days();
  }
}
