package cn.zhenggai.rectification.notification;

import cn.zhenggai.rectification.vocabulary.Days;
import cn.zhenggai.rectification.vocabulary.DeadlineProperties;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.sql.Timestamp;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.identity.User;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The record of notifications (催办记录), table {@code notification}. A notice is recorded in the transaction of
 * what caused it (a timer, a new task) and sent later; one per task, kind and person, whatever runs twice.
 */
@Service
public class Notifications {

  /** Camunda user info: "true" where the person wants one daily digest instead of single emails. */
  public static final String DIGEST_PREFERENCE = "rectification.digest";

  private final JdbcTemplate jdbc;
  private final IdentityService identity;
  private final NoticeMail mail;
  private final NotificationProperties properties;
  private final DeadlineProperties deadlines;

  Notifications(JdbcTemplate jdbc, IdentityService identity, NoticeMail mail, NotificationProperties properties,
      DeadlineProperties deadlines) {
    this.jdbc = jdbc;
    this.identity = identity;
    this.mail = mail;
    this.properties = properties;
    this.deadlines = deadlines;
  }

  void record(NoticeKind kind, DelegateTask task, Collection<User> recipients, Date now) {
    String problemId = (String) task.getVariable(RectificationCaseProcess.PROBLEM_ID);
    String unitId = (String) task.getVariable(UnitRectificationProcess.UNIT_ID);
    Map<String, Object> notice = taskModel(task, now);
    notice.put("kind", kind.label());
    if (kind.isCard()) {
      notice.put("daysOverdue", Math.max(1L, (long) notice.get("daysOverdue"))); // a card means at least a started day
    }
    String subject = subject(kind, notice);
    for (User user : recipients) {
      Map<String, Object> model = new LinkedHashMap<>(notice);
      model.put("recipient", user.getFirstName());
      NoticeMail.Rendered rendered = mail.render("notice", subject, model);
      NoticeStatus status = user.getEmail() == null || user.getEmail().isBlank() ? NoticeStatus.NOT_SENT
          : "true".equals(identity.getUserInfo(user.getId(), DIGEST_PREFERENCE)) ? NoticeStatus.IN_DIGEST : NoticeStatus.PENDING;
      insert(kind.name() + ":" + task.getId() + ":" + user.getId(), kind, problemId, unitId, task.getId(), task.getName(),
          user, rendered, status.name(), status == NoticeStatus.NOT_SENT ? "没有邮箱地址" : null, now);
    }
  }

  /**
   * Inserts unless a notice with that key exists: a timer that runs again, or a second node, adds nothing. Returns
   * whether it was inserted.
   */
  boolean insert(String key, NoticeKind kind, String problemId, String unitId, String taskId, String taskName, User user,
      NoticeMail.Rendered rendered, String status, String error, Date now) {
    Timestamp at = new Timestamp(now.getTime());
    return 1 == jdbc.update(
        "insert into notification (dedup_key, kind, problem_id, unit_id, task_id, task_name, recipient_id,"
            + " recipient_email, subject, html_body, text_body, status, last_error, created_at, next_attempt_at)"
            + " select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? from (values (1)) as one (x)"
            + " where not exists (select 1 from notification where dedup_key = ?)",
        key, kind.name(), problemId, unitId, taskId, taskName, user.getId(), user.getEmail(), rendered.subject(),
        rendered.html(), rendered.text(), status, error, at, at, key);
  }

  /** What a task's notice shows: problem, unit, stage, due date, days overdue and the link into Tasklist. */
  Map<String, Object> taskModel(DelegateTask task, Date now) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("problemId", task.getVariable(RectificationCaseProcess.PROBLEM_ID));
    model.put("problemTitle", task.getVariable(RectificationCaseProcess.PROBLEM_TITLE));
    Object unit = task.getVariable(UnitRectificationProcess.UNIT_NAME);
    model.put("unitName", unit == null ? "全部责任单位" : unit);
    model.put("stage", task.getBpmnModelElementInstance() == null ? task.getName()
        : task.getBpmnModelElementInstance().getName());
    model.put("due", task.getDueDate() == null ? "—" : format(task.getDueDate()));
    model.put("daysOverdue", task.getDueDate() == null ? 0L : Days.begun(task.getDueDate(), now));
    model.put("link", taskLink(task.getId()));
    return model;
  }

  String taskLink(String taskId) {
    String base = properties.baseUrl().toString().replaceAll("/+$", "");
    return base + "/camunda/app/tasklist/default/#/?task=" + taskId;
  }

  String format(Date date) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(deadlines.timeZone()).format(date.toInstant());
  }

  private static String subject(NoticeKind kind, Map<String, Object> model) {
    String when = switch (kind) {
      case YELLOW_CARD, RED_CARD -> "已逾期 " + model.get("daysOverdue") + " 天";
      default -> model.get("due") + " 到期";
    };
    return "【" + kind.label() + "】问题 " + model.get("problemId") + " " + model.get("problemTitle") + " · "
        + model.get("unitName") + " · " + model.get("stage") + " · " + when;
  }

  /** An operator sends a failed notice again. Returns whether there was such a failed notice. */
  public boolean retry(long id, Date now) {
    return jdbc.update(
        "update notification set status = ?, attempts = 0, next_attempt_at = ? where id = ? and status = ?",
        NoticeStatus.PENDING.name(), new Timestamp(now.getTime()), id, NoticeStatus.FAILED.name()) == 1;
  }
}
