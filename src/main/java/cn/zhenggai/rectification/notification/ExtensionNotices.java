package cn.zhenggai.rectification.notification;

import cn.zhenggai.rectification.organization.PeopleDirectory;
import cn.zhenggai.rectification.vocabulary.EngineClock;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Notices of a request for more time (延期申请), recorded in the transaction of the request's step: the supervisors
 * are told of the request with their review task, the unit of the decision with its own task.
 */
@Component
public class ExtensionNotices {

  private final PeopleDirectory directory;
  private final Notifications notifications;

  ExtensionNotices(PeopleDirectory directory, Notifications notifications) {
    this.directory = directory;
    this.notifications = notifications;
  }

  /** To the review task's candidates (the problem's supervisors). */
  public void requested(DelegateTask review, String note) {
    Date now = EngineClock.now();
    Recipients people = new Recipients(directory);
    notifications.insert(notifications.compose(NoticeKind.EXTENSION_ASKED, NoticeTopic.of(review).withExtensionNote(note),
        people.of(review), people, now), now);
  }

  /** To the unit holding the task, about its task (the link opens it) and its due date after the decision. */
  public void decided(DelegateTask review, Task unitTask, Date due, String stage, String note) {
    Date now = EngineClock.now();
    Recipients people = new Recipients(directory);
    NoticeTopic about = NoticeTopic.of(review);
    NoticeTopic topic = new NoticeTopic(about.problemId(), about.problemTitle(), about.unitId(), about.unitName(), stage,
        unitTask.getId(), unitTask.getName(), due, note);
    notifications.insert(notifications.compose(NoticeKind.EXTENSION_RULED, topic,
        people.ofUnit(about.unitId(), unitTask.getAssignee()), people, now), now);
  }
}
