package cn.zhenggai.rectification.notification;

import cn.zhenggai.rectification.vocabulary.Days;
import cn.zhenggai.rectification.vocabulary.DeadlineProperties;
import java.sql.Timestamp;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.identity.User;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The record of notifications (催办记录), table {@code notification}. A notice is recorded in the transaction of
 * what caused it (a new task, the sweep's advance of the register) and sent later; one per task, kind, due date and
 * person, whatever runs twice.
 */
@Service
public class Notifications {

  /** Camunda user info: "true" where the person wants one daily digest instead of single emails. */
  public static final String DIGEST_PREFERENCE = "rectification.digest";

  private static final String INSERT =
      "insert into notification (dedup_key, kind, problem_id, unit_id, task_id, task_name, recipient_id,"
          + " recipient_email, subject, html_body, text_body, status, last_error, created_at, next_attempt_at)"
          + " select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? from (values (1)) as one (x)"
          + " where not exists (select 1 from notification where dedup_key = ?)";

  private final JdbcTemplate jdbc;
  private final NoticeMail mail;
  private final NotificationProperties properties;
  private final DeadlineProperties deadlines;

  Notifications(JdbcTemplate jdbc, NoticeMail mail, NotificationProperties properties,
      DeadlineProperties deadlines) {
    this.jdbc = jdbc;
    this.mail = mail;
    this.properties = properties;
    this.deadlines = deadlines;
  }

  /** A notice about a task to each person, one row each, made ready to insert. */
  List<Notice> compose(NoticeKind kind, NoticeTopic topic, Collection<User> recipients, Recipients people, Date now) {
    Map<String, Object> notice = taskModel(topic, now);
    notice.put("kind", kind.label());
    if (kind.isCard()) {
      notice.put("daysOverdue", Math.max(1L, (long) notice.get("daysOverdue"))); // a card means at least a started day
    }
    String subject = subject(kind, notice);
    // one notice per task, kind and person; a reminder or card also per due date, so a moved due date has its own; a
    // request's notices also per what they say (two refusals of one task, its due date unchanged, are two notices)
    String prefix = kind.name() + ":" + topic.taskId() + ":"
        + (kind == NoticeKind.NEW_TASK || topic.due() == null ? "" : topic.due().getTime() / 1000 + ":")
        + (kind.isExtension() ? Integer.toHexString(String.valueOf(topic.extensionNote()).hashCode()) + ":" : "");
    List<Notice> notices = new ArrayList<>();
    for (User user : recipients) {
      Map<String, Object> model = new LinkedHashMap<>(notice);
      model.put("recipient", user.getFirstName());
      NoticeStatus status = user.getEmail() == null || user.getEmail().isBlank() ? NoticeStatus.NOT_SENT
          : people.wantsDigest(user.getId()) ? NoticeStatus.IN_DIGEST : NoticeStatus.PENDING;
      notices.add(new Notice(prefix + user.getId(), kind, topic, user, mail.render("notice", subject, model), status));
    }
    return notices;
  }

  /** Inserts the notices, each unless its key exists (a sweep or timer that runs again, or a second node). */
  void insert(List<Notice> notices, Date now) {
    if (notices.isEmpty()) {
      return;
    }
    Timestamp at = new Timestamp(now.getTime());
    jdbc.batchUpdate(INSERT, notices.stream().map(n -> new Object[] {
        n.key(), n.kind().name(), n.topic().problemId(), n.topic().unitId(), n.topic().taskId(), n.topic().taskName(),
        n.user().getId(), n.user().getEmail(), n.rendered().subject(), n.rendered().html(), n.rendered().text(),
        n.status().name(), n.status() == NoticeStatus.NOT_SENT ? "没有邮箱地址" : null, at, at, n.key()}).toList());
  }

  /** One person's notice about a task. */
  record Notice(String key, NoticeKind kind, NoticeTopic topic, User user, NoticeMail.Rendered rendered, NoticeStatus status) {}

  /**
   * Inserts unless a notice with that key exists: a timer that runs again, or a second node, adds nothing. Returns
   * whether it was inserted.
   */
  boolean insert(String key, NoticeKind kind, String problemId, String unitId, String taskId, String taskName, User user,
      NoticeMail.Rendered rendered, String status, String error, Date now) {
    Timestamp at = new Timestamp(now.getTime());
    return 1 == jdbc.update(INSERT,
        key, kind.name(), problemId, unitId, taskId, taskName, user.getId(), user.getEmail(), rendered.subject(),
        rendered.html(), rendered.text(), status, error, at, at, key);
  }

  /** What a task's notice shows: problem, unit, stage, due date, days overdue and the link into Tasklist. */
  Map<String, Object> taskModel(NoticeTopic topic, Date now) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("problemId", topic.problemId());
    model.put("problemTitle", topic.problemTitle());
    model.put("unitName", topic.unitName() == null ? "全部责任单位" : topic.unitName());
    model.put("stage", topic.stage());
    model.put("due", topic.due() == null ? "—" : format(topic.due()));
    model.put("daysOverdue", topic.due() == null ? 0L : Days.begun(topic.due(), now));
    model.put("link", taskLink(topic.taskId()));
    model.put("extensionNote", topic.extensionNote());
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
