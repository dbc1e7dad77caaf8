package cn.zhenggai.rectification.notification;

import cn.zhenggai.rectification.notification.NotificationProperties.Robot;
import cn.zhenggai.rectification.audit.AuditAction;
import cn.zhenggai.rectification.audit.AuditTrail;
import cn.zhenggai.rectification.vocabulary.Days;
import cn.zhenggai.rectification.vocabulary.DeadlineProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
  /** Camunda user info: the person's mobile number, by which their groups' robots mention them and SMS reach them. */
  public static final String MOBILE = "rectification.mobile";
  /** Camunda user info: how the person wants their own notices ({@link ChannelChoice}; email when not set). */
  public static final String CHANNEL_PREFERENCE = "rectification.channel";

  private static final String INSERT =
      "insert into notification (dedup_key, kind, problem_id, unit_id, task_id, task_name, recipient_id,"
          + " recipient_email, subject, html_body, text_body, status, last_error, created_at, next_attempt_at, channel,"
          + " address, mentions) select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? from (values (1)) as one (x)"
          + " where not exists (select 1 from notification where dedup_key = ?)";

  /** A robot mentions at most this many people (the column holds them). */
  private static final int MAX_MENTIONS = 30;

  private final JdbcTemplate jdbc;
  private final NoticeMail mail;
  private final NotificationProperties properties;
  private final DeadlineProperties deadlines;
  private final Robots robots;
  private final ObjectMapper json;
  private final AuditTrail trail;

  Notifications(JdbcTemplate jdbc, NoticeMail mail, NotificationProperties properties,
      DeadlineProperties deadlines, Robots robots, ObjectMapper json, AuditTrail trail) {
    this.jdbc = jdbc;
    this.mail = mail;
    this.properties = properties;
    this.deadlines = deadlines;
    this.robots = robots;
    this.json = json;
    this.trail = trail;
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
      ChannelChoice choice = people.choice(user.getId());
      Optional<String> mobile = choice == ChannelChoice.SMS ? people.mobile(user.getId()) : Optional.empty();
      if (mobile.isPresent()) { // SMS chosen; without a mobile number the notice goes by email
        notices.add(new Notice(prefix + NoticeChannel.SMS.name() + ":" + user.getId(), kind, topic, NoticeChannel.SMS,
            user.getId(), null, mobile.get(), null, new NoticeMail.Rendered(subject, "", smsParameters(kind, notice)),
            NoticeStatus.PENDING, null));
        continue;
      }
      boolean noAddress = user.getEmail() == null || user.getEmail().isBlank();
      NoticeStatus status = choice == ChannelChoice.NONE || noAddress ? NoticeStatus.NOT_SENT
          : people.wantsDigest(user.getId()) ? NoticeStatus.IN_DIGEST : NoticeStatus.PENDING;
      String why = choice == ChannelChoice.NONE ? "本人选择只看单位群机器人" : noAddress ? "没有邮箱地址" : null;
      notices.add(new Notice(prefix + user.getId(), kind, topic, NoticeChannel.EMAIL, user.getId(), user.getEmail(), null,
          null, mail.render("notice", subject, model), status, why));
    }
    for (Robot robot : robots.all(people::groupExists)) {
      robotNotice(prefix, kind, topic, robot, recipients, people, notice).ifPresent(notices::add);
    }
    return notices;
  }

  /**
   * A group's robot (a unit's, a supervisor group's, the leaders') gets the notices to the group's people, once per
   * task, kind and due date, mentioning by mobile number the group's people the notice is for.
   */
  private Optional<Notice> robotNotice(String prefix, NoticeKind kind, NoticeTopic topic, Robot robot,
      Collection<User> recipients, Recipients people, Map<String, Object> model) {
    String group = robot.unit();
    List<User> members = recipients.stream().filter(user -> people.isMember(user.getId(), group)).toList();
    if (members.isEmpty()) {
      return Optional.empty();
    }
    List<String> mobiles = members.stream().map(user -> people.mobile(user.getId())).flatMap(Optional::stream)
        .distinct().limit(MAX_MENTIONS).toList();
    String text = RobotText.of(kind.label(), model, when(kind, model), topic.extensionNote(), mobiles);
    NoticeChannel channel = robot.kind();
    return Optional.of(new Notice(prefix + channel.name() + ":" + group, kind, topic, channel, group, null, group,
        String.join(",", mobiles), new NoticeMail.Rendered(subject(kind, model), "", text), NoticeStatus.PENDING, null));
  }

  /**
   * The variables of the SMS template (短信模板): each short, as providers limit a variable's length; the link whole.
   * Stored as JSON in the notice's text, so its record shows what was sent.
   */
  private String smsParameters(NoticeKind kind, Map<String, Object> model) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("kind", kind.label());
    parameters.put("unit", RobotText.cut(String.valueOf(model.get("unitName")), 60));
    parameters.put("problem", RobotText.cut(model.get("problemId") + " " + model.get("problemTitle"), 60));
    parameters.put("stage", String.valueOf(model.get("stage")));
    parameters.put("when", when(kind, model));
    parameters.put("link", String.valueOf(model.get("link")));
    try {
      return json.writeValueAsString(parameters);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Inserts the notices, each unless its key exists (a sweep or timer that runs again, or a second node). */
  void insert(List<Notice> notices, Date now) {
    if (notices.isEmpty()) {
      return;
    }
    Timestamp at = new Timestamp(now.getTime());
    jdbc.batchUpdate(INSERT, notices.stream().map(n -> new Object[] {
        n.key(), n.kind().name(), n.topic().problemId(), n.topic().unitId(), n.topic().taskId(), n.topic().taskName(),
        n.recipientId(), n.email(), n.rendered().subject(), n.rendered().html(), n.rendered().text(),
        n.status().name(), n.error(), at, at, n.channel().name(), n.address(), n.mentions(), n.key()}).toList());
  }

  /**
   * One notice about a task on one channel: to a person by email or SMS, or to a group's robot.
   *
   * @param recipientId the person, or the group (unit, supervisor group, leaders) whose robot it is
   * @param address the robot's group, or the mobile number of an SMS; null for email
   * @param mentions the mobile numbers a robot mentions, comma separated
   */
  record Notice(String key, NoticeKind kind, NoticeTopic topic, NoticeChannel channel, String recipientId, String email,
      String address, String mentions, NoticeMail.Rendered rendered, NoticeStatus status, String error) {}

  /**
   * Inserts unless a notice with that key exists: a timer that runs again, or a second node, adds nothing. Returns
   * whether it was inserted.
   */
  boolean insert(String key, NoticeKind kind, String problemId, String unitId, String taskId, String taskName, User user,
      NoticeMail.Rendered rendered, String status, String error, Date now) {
    Timestamp at = new Timestamp(now.getTime());
    return 1 == jdbc.update(INSERT,
        key, kind.name(), problemId, unitId, taskId, taskName, user.getId(), user.getEmail(), rendered.subject(),
        rendered.html(), rendered.text(), status, error, at, at, NoticeChannel.EMAIL.name(), null, null, key);
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
    return "【" + kind.label() + "】问题 " + model.get("problemId") + " " + model.get("problemTitle") + " · "
        + model.get("unitName") + " · " + model.get("stage") + " · " + when(kind, model);
  }

  private static String when(NoticeKind kind, Map<String, Object> model) {
    return switch (kind) {
      case YELLOW_CARD, RED_CARD -> "已逾期 " + model.get("daysOverdue") + " 天";
      default -> model.get("due") + " 到期";
    };
  }

  /** An operator sends a failed notice again. Returns whether there was such a failed notice. */
  public boolean retry(long id, Date now) {
    boolean queued = jdbc.update(
        "update notification set status = ?, attempts = 0, next_attempt_at = ? where id = ? and status = ?",
        NoticeStatus.PENDING.name(), new Timestamp(now.getTime()), id, NoticeStatus.FAILED.name()) == 1;
    if (queued) {
      trail.record(AuditTrail.Entry.of(AuditAction.NOTICE_RESENT, "通知 " + id, null));
    }
    return queued;
  }

  /** An operator sends every failed notice of one channel again (its server is back). Returns how many. */
  int retryFailed(NoticeChannel channel, Date now) {
    int queued = jdbc.update(
        "update notification set status = ?, attempts = 0, next_attempt_at = ? where channel = ? and status = ?",
        NoticeStatus.PENDING.name(), new Timestamp(now.getTime()), channel.name(), NoticeStatus.FAILED.name());
    if (queued > 0) {
      trail.record(AuditTrail.Entry.of(AuditAction.NOTICE_RESENT, "全部" + channel.label() + "发送失败的通知", queued + " 条"));
    }
    return queued;
  }
}
