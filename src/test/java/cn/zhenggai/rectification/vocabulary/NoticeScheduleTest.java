package cn.zhenggai.rectification.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import org.junit.jupiter.api.Test;

class NoticeScheduleTest {

  static final ZoneId COUNTY = ZoneId.of("Asia/Shanghai");
  static final NoticeSchedule SCHEDULE = new NoticeSchedule(
      new ReminderProperties(Duration.ofDays(3), LocalTime.of(8, 0), Duration.ofMinutes(1), 500),
      new EscalationProperties(Duration.ofDays(7)),
      new DeadlineProperties(COUNTY, null, null, null, null, null, null, null));

  static final Date DUE = date(LocalDate.of(2027, 1, 19).atTime(17, 30));

  @Test
  void aReminderThreeDaysAheadThenTheMorningOfTheDueDayThenTheCards() {
    assertThat(SCHEDULE.first(DUE)).contains(new NoticeSchedule.Scheduled(DueNotice.BEFORE_DUE,
        date(LocalDate.of(2027, 1, 16).atTime(17, 30))));
    assertThat(SCHEDULE.after(DueNotice.BEFORE_DUE, DUE)).contains(new NoticeSchedule.Scheduled(DueNotice.DUE_DAY,
        date(LocalDate.of(2027, 1, 19).atTime(8, 0))));
    assertThat(SCHEDULE.after(DueNotice.DUE_DAY, DUE)).contains(new NoticeSchedule.Scheduled(DueNotice.YELLOW_CARD, DUE));
    assertThat(SCHEDULE.after(DueNotice.YELLOW_CARD, DUE)).contains(new NoticeSchedule.Scheduled(DueNotice.RED_CARD,
        date(LocalDate.of(2027, 1, 26).atTime(17, 30))));
    assertThat(SCHEDULE.after(DueNotice.RED_CARD, DUE)).isEmpty();
  }

  @Test
  void aTaskWithoutDueDateHasNoNotices() {
    assertThat(SCHEDULE.first(null)).isEmpty();
  }

  /** Due before 08:00, or a demo deadline in minutes: the due-day reminder comes halfway between the first and the due. */
  @Test
  void theDueDayReminderFallsHalfwayWhenTheMorningIsNoLongerAhead() {
    Date early = date(LocalDate.of(2027, 1, 19).atTime(7, 0));
    assertThat(SCHEDULE.at(DueNotice.DUE_DAY, early)).isEqualTo(date(LocalDate.of(2027, 1, 17).atTime(19, 0)));
    NoticeSchedule demo = new NoticeSchedule(
        new ReminderProperties(Duration.ofSeconds(40), LocalTime.of(8, 0), Duration.ofSeconds(10), 500),
        new EscalationProperties(Duration.ofMinutes(2)), new DeadlineProperties(COUNTY, null, null, null, null, null, null, null));
    Date due = date(LocalDate.of(2027, 1, 19).atTime(15, 0));
    assertThat(demo.at(DueNotice.DUE_DAY, due)).isEqualTo(new Date(due.getTime() - 20_000));
  }

  @Test
  void theSweepRunsEverySweepEvery() {
    assertThat(SCHEDULE.sweepCycle()).isEqualTo("R/PT1M");
  }

  private static Date date(java.time.LocalDateTime local) {
    return Date.from(local.atZone(COUNTY).toInstant());
  }
}
