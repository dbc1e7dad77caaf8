package cn.zhenggai.rectification.casework;

import cn.zhenggai.rectification.audit.AuditTrail;
import cn.zhenggai.rectification.vocabulary.DeadlineProperties;
import cn.zhenggai.rectification.vocabulary.EngineClock;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.persistence.entity.PropertyChange;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Who did what and when for a problem and unit (table {@code case_event}), in full; and the same as a readable
 * history for the forms, where a text variable holds at most {@value #HISTORY_LIMIT} characters, so the oldest
 * entries give way there (never in the table). Each entry is also recorded in the audit trail.
 */
@Service
public class CaseTimeline {

  /** Camunda keeps string variables in a 4,000-character column. */
  static final int HISTORY_LIMIT = 3900;

  private static final int ENTRY_LIMIT = 1200;
  private static final String OLDER = "（更早的记录见案件详情）";

  public enum Kind {
    PLAN_SUBMITTED("提交整改方案"),
    PLAN_APPROVED("审核通过整改方案"),
    PLAN_RETURNED("退回整改方案"),
    REPORT_SUBMITTED("报送整改完成情况"),
    RECTIFICATION_ACCEPTED("验收通过"),
    RECTIFICATION_RETURNED("验收退回，要求继续整改"),
    TASK_REASSIGNED("改派待办"),
    DUE_DATE_CHANGED("修改截止日期"),
    UNIT_ADDED("增加责任单位"),
    UNIT_WITHDRAWN("撤销责任单位"),
    DEADLINE_CHANGED("调整整改时限"),
    PROBLEM_WITHDRAWN("撤销问题"),
    CARRIED_OVER("未完成事项转入后续批次"),
    CARRIED_FROM("由前一批次转入"),
    EXTENSION_REQUESTED("申请延期"),
    EXTENSION_APPROVED("批准延期"),
    EXTENSION_REFUSED("不同意延期"),
    EXTENSION_LAPSED("延期申请失效"),
    LOOK_BACK_CONFIRMED("回头看：整改成果巩固"),
    UNIT_REOPENED("复号");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public record Event(String unitId, Kind kind, String kindName, String actorId, String actorName, String detail, Instant occurredAt) {}

  private final JdbcTemplate jdbc;
  private final DeadlineProperties properties;
  private final TaskActor actors;
  private final AuditTrail audit;

  CaseTimeline(JdbcTemplate jdbc, DeadlineProperties properties, TaskActor actors, AuditTrail audit) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.actors = actors;
    this.audit = audit;
  }

  /** Records what the person completing the task did, and refreshes the unit's history shown on its forms. */
  void record(DelegateTask task, Kind kind, String detail) {
    String problemId = (String) task.getVariable(RectificationCaseProcess.PROBLEM_ID);
    String unitId = (String) task.getVariable(UnitRectificationProcess.UNIT_ID);
    insert(problemId, unitId, kind, actors.of(task), detail);
    if (unitId != null) {
      task.setVariable(UnitRectificationProcess.CASE_HISTORY, history(problemId, unitId));
    }
  }

  /** A supervisor moved a task's due date (Tasklist); the register follows through {@link CaseRegister#taskChanged}. */
  void dueDateChanged(DelegateTask task) {
    PropertyChange change = ((TaskEntity) task).getPropertyChanges().get(TaskEntity.DUE_DATE);
    if (change == null || change.getOrgValue() == null) {
      return; // the first due date, set as the task was created
    }
    if (task.getVariable(UnitRectificationProcess.EXTENSION_GRANTED) != null) {
      return; // a granted extension: recorded as such (CaseExtensions#granted)
    }
    DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(properties.timeZone());
    String from = format.format(((java.util.Date) change.getOrgValue()).toInstant());
    String to = format.format(task.getDueDate().toInstant());
    record(task, Kind.DUE_DATE_CHANGED, task.getName() + "：" + from + " → " + to);
  }

  /** Records an action on a case taken outside a task's completion (the unit's id is null for the problem's own). */
  void record(String problemId, String unitId, Kind kind, TaskActor.Actor actor, String detail) {
    insert(problemId, unitId, kind, actor, detail);
  }

  private void insert(String problemId, String unitId, Kind kind, TaskActor.Actor actor, String detail) {
    jdbc.update(
        "insert into case_event (problem_id, unit_id, kind, actor_id, actor_name, detail, occurred_at) values (?, ?, ?, ?, ?, ?, ?)",
        problemId,
        unitId,
        kind.name(),
        actor.id(),
        actor.name(),
        detail,
        EngineClock.timestamp());
    // every entry of the timeline is an action of the audit trail too, where it is kept apart from the case's history
    audit.record(AuditTrail.Actor.named(actor.id()), actor.name(),
        new AuditTrail.Entry(kind.name(), kind.label(), problemId, unitId, null, detail));
  }

  public List<Event> events(String problemId) {
    return jdbc.query(
        "select unit_id, kind, actor_id, actor_name, detail, occurred_at from case_event where problem_id = ? order by occurred_at, id",
        (rs, row) -> {
          Kind kind = Kind.valueOf(rs.getString("kind"));
          return new Event(
              rs.getString("unit_id"),
              kind,
              kind.label(),
              rs.getString("actor_id"),
              rs.getString("actor_name"),
              rs.getString("detail"),
              rs.getTimestamp("occurred_at").toInstant());
        },
        problemId);
  }

  /** The unit's history, newest last, as the forms show it. */
  String history(String problemId, String unitId) {
    DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(properties.timeZone());
    Deque<String> entries = new ArrayDeque<>();
    int length = 0;
    List<Event> events = events(problemId).stream().filter(e -> unitId.equals(e.unitId())).toList();
    for (int i = events.size() - 1; i >= 0; i--) {
      Event event = events.get(i);
      String entry = "【" + format.format(event.occurredAt()) + "】" + event.actorName() + " " + event.kind().label()
          + (event.detail() == null ? "" : "\n" + abridged(event.detail()));
      if (length + entry.length() + OLDER.length() + 2 > HISTORY_LIMIT) {
        entries.addFirst(OLDER);
        break;
      }
      entries.addFirst(entry);
      length += entry.length() + 2;
    }
    return String.join("\n\n", entries);
  }

  private static String abridged(String detail) {
    return detail.length() <= ENTRY_LIMIT ? detail : detail.substring(0, ENTRY_LIMIT) + "……";
  }
}
