package cn.zhenggai.rectification.notification;

import cn.zhenggai.rectification.organization.PeopleDirectory;
import cn.zhenggai.rectification.vocabulary.Days;
import cn.zhenggai.rectification.vocabulary.DeadlineProperties;
import cn.zhenggai.rectification.vocabulary.EngineClock;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Once a day, after {@code rectification.digest.time}, one email to each person who chose the digest and takes their
 * notices by email, listing all their open tasks, overdue first. Sent at most once a day per person, whichever node
 * gets there first; after a restart later in the day it still goes out. Notices held for someone who takes the digest
 * no more are not left waiting for it.
 */
@Component
class DailyDigest {

  private static final Logger LOG = LoggerFactory.getLogger(DailyDigest.class);
  private static final List<String> CONTEXT = List.of(RectificationCaseProcess.PROBLEM_ID,
      RectificationCaseProcess.PROBLEM_TITLE, UnitRectificationProcess.UNIT_NAME);

  private final IdentityService identity;
  private final PeopleDirectory directory;
  private final TaskService tasks;
  private final RuntimeService runtime;
  private final Notifications notifications;
  private final NoticeMail mail;
  private final JdbcTemplate jdbc;
  private final NotificationProperties properties;
  private final DeadlineProperties deadlines;

  DailyDigest(IdentityService identity, PeopleDirectory directory, TaskService tasks, RuntimeService runtime,
      Notifications notifications, NoticeMail mail, JdbcTemplate jdbc, NotificationProperties properties,
      DeadlineProperties deadlines) {
    this.identity = identity;
    this.directory = directory;
    this.tasks = tasks;
    this.runtime = runtime;
    this.notifications = notifications;
    this.mail = mail;
    this.jdbc = jdbc;
    this.properties = properties;
    this.deadlines = deadlines;
  }

  @Scheduled(fixedDelayString = "PT1M")
  void sendWhenDue() {
    ZonedDateTime now = EngineClock.now().toInstant().atZone(deadlines.timeZone());
    if (!now.toLocalTime().isBefore(properties.digest().time())) {
      try {
        send(now.toLocalDate());
      } catch (DataAccessResourceFailureException e) {
        LOG.warn("数据库暂时无法连接，待办汇总下一分钟再试（{}）", e.getMostSpecificCause().getMessage());
      }
    }
  }

  /** Returns how many digests were recorded for sending. */
  int send(LocalDate day) {
    Date now = EngineClock.now();
    Recipients people = new Recipients(directory);
    int recorded = 0;
    for (User user : identity.createUserQuery().list()) {
      String key = "DIGEST:" + user.getId() + ":" + day;
      if (!people.wantsDigest(user.getId()) || sent(key)) {
        continue; // not chosen, or out already today: the check runs every minute, the work once a day
      }
      List<Map<String, Object>> items = openTasks(user.getId(), now);
      if (items.isEmpty() || user.getEmail() == null) {
        continue;
      }
      Map<String, Object> model = Map.of("recipient", user.getFirstName(), "items", items,
          "overdue", items.stream().filter(i -> (long) i.get("daysOverdue") > 0).count());
      String subject = "【" + NoticeKind.DIGEST.label() + "】" + day + " 您有 " + items.size() + " 项待办，其中逾期 "
          + model.get("overdue") + " 项";
      try {
        if (!notifications.insert(key, NoticeKind.DIGEST, null, null, null, null,
            user, mail.render("digest", subject, model), NoticeStatus.PENDING.name(), null, now)) {
          continue; // sent already today
        }
        recorded++;
      } catch (DuplicateKeyException another) {
        continue; // another node recorded it at the same moment
      }
      jdbc.update("update notification set status = ?, sent_at = ? where recipient_id = ? and status = ?",
          NoticeStatus.DIGESTED.name(), new Timestamp(now.getTime()), user.getId(), NoticeStatus.IN_DIGEST.name());
    }
    if (recorded > 0) {
      LOG.info("{} 的待办汇总：{} 封", day, recorded);
    }
    release(people, now);
    return recorded;
  }

  /**
   * The notices held for the digest of those who take it no more: single emails again where email is still their
   * channel (they turned the digest off, or chose SMS without a mobile number), not sent, with why, where they chose SMS
   * or only the robot (as their notices are recorded since).
   */
  private void release(Recipients people, Date now) {
    List<String> holding = jdbc.queryForList("select distinct recipient_id from notification where status = ?",
        String.class, NoticeStatus.IN_DIGEST.name());
    for (String userId : holding) {
      if (people.wantsDigest(userId)) {
        continue;
      }
      ChannelChoice choice = people.choice(userId);
      boolean bySms = choice == ChannelChoice.SMS && people.mobile(userId).isPresent();
      if (choice == ChannelChoice.NONE || bySms) {
        jdbc.update("update notification set status = ?, last_error = ? where recipient_id = ? and status = ?",
            NoticeStatus.NOT_SENT.name(), bySms ? "本人已改为短信通知，不收每日汇总邮件" : "本人选择只看单位群机器人",
            userId, NoticeStatus.IN_DIGEST.name());
      } else {
        jdbc.update("update notification set status = ?, next_attempt_at = ? where recipient_id = ? and status = ?",
            NoticeStatus.PENDING.name(), new Timestamp(now.getTime()), userId, NoticeStatus.IN_DIGEST.name());
      }
    }
  }

  private boolean sent(String key) {
    return jdbc.queryForObject("select count(*) from notification where dedup_key = ?", Integer.class, key) > 0;
  }

  private List<Map<String, Object>> openTasks(String userId, Date now) {
    return tasks.createTaskQuery().or().taskCandidateUser(userId).taskAssignee(userId).endOr().list().stream()
        .sorted(Comparator.comparing((Task t) -> t.getDueDate() == null || t.getDueDate().after(now))
            .thenComparing(Task::getDueDate, Comparator.nullsLast(Comparator.naturalOrder())))
        .map(task -> item(task, now))
        .toList();
  }

  private Map<String, Object> item(Task task, Date now) {
    Map<String, Object> variables = runtime.getVariables(task.getExecutionId(), CONTEXT);
    Map<String, Object> item = new LinkedHashMap<>(variables);
    item.putIfAbsent(UnitRectificationProcess.UNIT_NAME, "全部责任单位");
    item.put("stage", task.getName());
    item.put("due", task.getDueDate() == null ? "—" : notifications.format(task.getDueDate()));
    item.put("daysOverdue", task.getDueDate() == null ? 0L : Days.begun(task.getDueDate(), now));
    item.put("link", notifications.taskLink(task.getId()));
    return item;
  }
}
