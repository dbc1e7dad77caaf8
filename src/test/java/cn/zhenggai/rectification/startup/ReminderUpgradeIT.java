package cn.zhenggai.rectification.startup;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.RectificationApplication;
import cn.zhenggai.rectification.TestPostgres;
import cn.zhenggai.rectification.vocabulary.DeadlineWatchProcess;
import cn.zhenggai.rectification.vocabulary.DueNotice;
import cn.zhenggai.rectification.vocabulary.NoticeSchedule;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A county that ran the version with four reminder timers on every task upgrades while its cases are open: the cases
 * move to the current diagrams and lose their timers, each open task's notices are scheduled in the register after the
 * last one it was sent, and the sweep sends no notice twice.
 */
class ReminderUpgradeIT {

  static final String[] BEFORE_16 = {
      "--camunda.bpm.deployment-resource-pattern=classpath*:bpmn-before-16/*.bpmn,classpath*:bpmn/forms/*.form"};

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void openCasesMoveToTheCurrentDiagramsAndTheirRemindersFollowTheRegister() {
    String url = TestPostgres.newDatabase("rectification_reminder_upgrade");
    JdbcTemplate database = new JdbcTemplate(new SingleConnectionDataSource(url, TestPostgres.user(), "", true));
    start(url, BEFORE_16).close();
    assertThat(count(database, "select count(*) from act_ru_job where handler_type_ = 'timer-task-listener'"))
        .as("four timers on each of the 35 draft plans").isEqualTo(140);
    String draft = database.queryForObject("select task_id from case_unit where problem_id = '2022-SZPY/1.1'"
        + " and unit_id = 'street-chengguan'", String.class);
    // the 催办 of 1.1 went out under the old version, with the old key; then the register as it was before V13
    database.update("insert into notification (dedup_key, kind, problem_id, unit_id, task_id, task_name, recipient_id,"
        + " recipient_email, subject, html_body, text_body, status, created_at, next_attempt_at) values (?, 'BEFORE_DUE',"
        + " '2022-SZPY/1.1', 'street-chengguan', ?, '制定整改方案', 'sec-chengguan', 'sec-chengguan@example.org',"
        + " '【催办】', '', '', 'SENT', localtimestamp, localtimestamp)", "BEFORE_DUE:" + draft + ":sec-chengguan", draft);
    SchemaBeforeV13.putBack(database);
    long executions = count(database, "select count(*) from act_ru_execution");

    try (ConfigurableApplicationContext application = start(url)) {
      assertThat(count(database, "select count(*) from act_ru_execution e join act_re_procdef d on d.id_ = e.proc_def_id_"
          + " where e.parent_id_ is null and d.version_ < (select max(version_) from act_re_procdef where key_ = d.key_)"))
          .as("cases left on an older diagram").isZero();
      assertThat(count(database, "select count(*) from act_ru_job where process_instance_id_ is not null"))
          .as("timers left on tasks").isZero();
      assertThat(count(database, "select count(*) from act_ru_execution")).as("the tasks are no longer scopes")
          .isEqualTo(executions - 35);

      NoticeSchedule schedule = application.getBean(NoticeSchedule.class);
      List<Map<String, Object>> rows = database.queryForList("select task_id, due_at, next_notice, next_notice_at"
          + " from case_unit order by problem_id, unit_id");
      assertThat(rows).hasSize(35).allSatisfy(row -> {
        DueNotice next = row.get("task_id").equals(draft) ? DueNotice.DUE_DAY : DueNotice.BEFORE_DUE;
        assertThat(row.get("next_notice")).as(row.toString()).isEqualTo(next.name());
        assertThat(row.get("next_notice_at")).as(row.toString())
            .isEqualTo(new Timestamp(schedule.at(next, (Date) row.get("due_at")).getTime()));
      });

      // the sweep three days before the due dates: every other task gets its 催办, 1.1's not a second one
      Timestamp due = database.queryForObject("select max(due_at) from case_unit", Timestamp.class);
      ClockUtil.setCurrentTime(new Date(due.getTime() - Duration.ofDays(3).toMillis() + 60_000));
      ProcessEngine engine = application.getBean(ProcessEngine.class);
      engine.getManagementService().executeJob(engine.getManagementService().createJobQuery()
          .processDefinitionKey(DeadlineWatchProcess.KEY).singleResult().getId());
      assertThat(count(database, "select count(*) from notification where kind = 'BEFORE_DUE' and task_id = ?", draft))
          .isOne();
      assertThat(count(database, "select count(distinct task_id) from notification where kind = 'BEFORE_DUE'"))
          .isEqualTo(35);
    }
  }

  private static long count(JdbcTemplate database, String sql, Object... arguments) {
    return database.queryForObject(sql, Long.class, arguments);
  }

  private static ConfigurableApplicationContext start(String url, String... more) {
    List<String> arguments = new java.util.ArrayList<>(List.of(
        "--spring.profiles.active=postgres,demo",
        "--server.port=0",
        "--camunda.bpm.job-execution.enabled=false",
        "--spring.datasource.url=" + url,
        "--spring.datasource.username=" + TestPostgres.user(),
        "--spring.datasource.password="));
    arguments.addAll(List.of(more));
    return new SpringApplicationBuilder(RectificationApplication.class, Before16.class).run(arguments.toArray(String[]::new));
  }

  /** The bean the diagrams before issue 16 asked for their timers' dates ({@code ${reminders.beforeDue(...)}}). */
  @Configuration(proxyBeanMethods = false)
  static class Before16 {
    @Bean("reminders")
    OldReminders reminders(NoticeSchedule schedule) {
      return new OldReminders(schedule);
    }
  }

  public static class OldReminders {
    private final NoticeSchedule schedule;

    OldReminders(NoticeSchedule schedule) {
      this.schedule = schedule;
    }

    public Date beforeDue(Date due) {
      return schedule.at(DueNotice.BEFORE_DUE, due);
    }

    public Date dueDay(Date due) {
      return schedule.at(DueNotice.DUE_DAY, due);
    }

    public Date redCard(Date due) {
      return schedule.at(DueNotice.RED_CARD, due);
    }
  }
}
