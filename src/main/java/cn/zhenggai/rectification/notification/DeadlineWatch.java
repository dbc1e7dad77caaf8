package cn.zhenggai.rectification.notification;

import cn.zhenggai.rectification.casework.CaseExtensions;
import cn.zhenggai.rectification.casework.CaseRegister;
import cn.zhenggai.rectification.casework.CaseRegister.Advance;
import cn.zhenggai.rectification.casework.CaseRegister.DueTask;
import cn.zhenggai.rectification.notification.Notifications.Notice;
import cn.zhenggai.rectification.organization.PeopleDirectory;
import cn.zhenggai.rectification.vocabulary.Card;
import cn.zhenggai.rectification.vocabulary.DueNotice;
import cn.zhenggai.rectification.vocabulary.EngineClock;
import cn.zhenggai.rectification.vocabulary.NoticeSchedule;
import cn.zhenggai.rectification.vocabulary.ReminderProperties;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Who is told when a unit has a new task ({@code ${deadlineWatch.notice(task, 'NEW_TASK')}} in the case diagrams),
 * and the sweep of the process {@code DeadlineWatch} ({@code ${deadlineWatch.sweep('YELLOW_CARD')}}): every task whose
 * next notice is due by its current due date gets it, with its card on the register. The emails themselves go out
 * later, outside these transactions ({@link MailDelivery}).
 */
@Component("deadlineWatch")
public class DeadlineWatch {

  private static final Logger LOG = LoggerFactory.getLogger(DeadlineWatch.class);

  private final PeopleDirectory directory;
  private final Notifications notifications;
  private final CaseRegister register;
  private final CaseExtensions extensions;
  private final NoticeSchedule schedule;
  private final ReminderProperties reminders;
  private final TransactionTemplate batches;

  DeadlineWatch(PeopleDirectory directory, Notifications notifications, CaseRegister register, CaseExtensions extensions,
      NoticeSchedule schedule, ReminderProperties reminders, PlatformTransactionManager transactions) {
    this.directory = directory;
    this.notifications = notifications;
    this.register = register;
    this.extensions = extensions;
    this.schedule = schedule;
    this.reminders = reminders;
    this.batches = new TransactionTemplate(transactions);
    batches.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * A new task: its candidates are told in the task's own transaction. The due-date kinds do nothing here: the sweep
   * sends them; only a timer of a case opened before this version, firing before start-up has moved the case to the
   * current diagram, still asks for one.
   */
  public void notice(DelegateTask task, String kindName) {
    NoticeKind kind = NoticeKind.valueOf(kindName);
    if (kind != NoticeKind.NEW_TASK) {
      return;
    }
    Date now = EngineClock.now();
    Recipients people = new Recipients(directory);
    notifications.insert(notifications.compose(kind, NoticeTopic.of(task), people.of(task), people, now), now);
  }

  /**
   * Sends this notice to every task for which it is due, in batches of {@code sweep-batch} rows, each its own
   * transaction: the notices and the register's move to the next notice commit together, and a large backlog is not
   * one giant transaction. A reminder that comes for a task already overdue is passed over (its cards say it).
   */
  public void sweep(String noticeName) {
    DueNotice notice = DueNotice.valueOf(noticeName);
    Date now = EngineClock.now();
    Recipients people = new Recipients(directory);
    int limit = reminders.sweepBatch();
    int found;
    int won;
    int total = 0;
    do {
      int[] batch = batches.execute(status -> sweepBatch(notice, now, limit, people));
      found = batch[0];
      won = batch[1];
      total += won;
    } while (found == limit && won > 0);
    if (total > 0) {
      LOG.info("到期巡查：{} 项任务到了“{}”", total, notice.label());
    }
  }

  /** Returns the rows found and the rows this sweep moved on. */
  private int[] sweepBatch(DueNotice notice, Date now, int limit, Recipients people) {
    List<DueTask> due = register.due(notice, now, limit);
    Map<String, LocalDate> pending = extensions.pendingUntil(due.stream().map(DueTask::taskId).toList());
    List<Advance> advances = new ArrayList<>();
    List<List<Notice>> notices = new ArrayList<>();
    for (DueTask task : due) {
      try {
        boolean passedOver = notice.isReminder() && !now.before(task.dueAt());
        List<Notice> mine = passedOver ? List.of() : notifications.compose(NoticeKind.valueOf(notice.name()),
            NoticeTopic.of(task, people::unitName, pending.get(task.taskId())), people.of(task, notice), people, now);
        Advance advance = new Advance(task, schedule.after(notice, task.dueAt()).orElse(null),
            passedOver || notice.card() == Card.NONE ? null : notice.card());
        notices.add(mine);
        advances.add(advance);
      } catch (RuntimeException e) {
        LOG.warn("问题 {} 单位 {} 的“{}”未能记录：{}，下一轮重试", task.problemId(),
            task.unitId() == null ? "（全部）" : task.unitId(), notice.label(), e.toString());
      }
    }
    boolean[] won = register.advance(advances);
    List<Notice> recorded = new ArrayList<>();
    int moved = 0;
    for (int i = 0; i < won.length; i++) {
      if (won[i]) {
        recorded.addAll(notices.get(i));
        moved++;
      }
    }
    notifications.insert(recorded, now);
    return new int[] {due.size(), moved};
  }
}
