package cn.zhenggai.rectification.notification;

import cn.zhenggai.rectification.vocabulary.DeadlineProperties;
import cn.zhenggai.rectification.vocabulary.EngineClock;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administrators' page of notices ({@code /operations/notices}; administrators only, as all of {@code /operations},
 * see {@code security.WebSecurity}): the notices that failed for good, or those in a chosen status, newest first, 50 a
 * page. A failed one is sent again with a button; all failed ones of a channel with another, once its server is back.
 * Errors are shown as recorded: the senders record them with every configured secret masked.
 */
@Controller
class FailedNoticesPage {

  private static final int PAGE = 50;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  /** Every status but "sending": a few seconds' state, shown as pending on the case page too. */
  private static final List<NoticeStatus> STATUSES =
      Arrays.stream(NoticeStatus.values()).filter(status -> status != NoticeStatus.SENDING).toList();

  /** A notice as the page shows it: its time in the county's zone, names rather than ids. */
  record Row(long id, String time, String kind, String channel, String recipient, String recipientId,
      String problemId, String status, int attempts, String lastError, boolean failed) {}

  /** A value in the request that is not one of the page's: 400 naming the field, nothing changed. */
  private static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }

  private final NoticeRecords records;
  private final Notifications notifications;
  private final IdentityService identity;
  private final ZoneId zone;

  FailedNoticesPage(NoticeRecords records, Notifications notifications, IdentityService identity,
      DeadlineProperties deadlines) {
    this.records = records;
    this.notifications = notifications;
    this.identity = identity;
    this.zone = deadlines.timeZone();
  }

  @GetMapping("/operations/notices")
  String page(@RequestParam(defaultValue = "FAILED") String status, @RequestParam(defaultValue = "1") String page,
      Model model) {
    NoticeStatus chosen = status(status);
    int number = pageNumber(page);
    long total = records.count(chosen);
    model.addAttribute("rows", rows(records.withStatus(chosen, (number - 1L) * PAGE, PAGE)));
    model.addAttribute("status", chosen);
    model.addAttribute("statuses", STATUSES);
    model.addAttribute("page", number);
    model.addAttribute("pages", Math.max(1, (total + PAGE - 1) / PAGE));
    model.addAttribute("total", total);
    model.addAttribute("failedByChannel", records.failedByChannel());
    return "notification/failed-notices";
  }

  @PostMapping("/operations/notices/{id}/retry")
  String retry(@PathVariable String id, RedirectAttributes redirect) {
    long notice;
    try {
      notice = Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new Refused("通知编号须为数字");
    }
    if (notifications.retry(notice, EngineClock.now())) {
      redirect.addFlashAttribute("done", "已重新排队：通知 " + notice + " 将由后台重新发送");
    } else {
      redirect.addFlashAttribute("gone", "该通知已不是发送失败状态（可能已重新发送）");
    }
    return "redirect:/operations/notices";
  }

  @PostMapping("/operations/notices/retry-all")
  String retryAll(@RequestParam(required = false) String channel, RedirectAttributes redirect) {
    NoticeChannel chosen = Arrays.stream(NoticeChannel.values()).filter(c -> c.name().equals(channel)).findFirst()
        .orElseThrow(() -> new Refused("channel（渠道）须为 EMAIL、WECOM、DINGTALK 或 SMS"));
    int queued = notifications.retryFailed(chosen, EngineClock.now());
    redirect.addFlashAttribute(queued > 0 ? "done" : "gone", queued > 0
        ? "已重新排队" + chosen.label() + "的 " + queued + " 条发送失败的通知"
        : chosen.label() + "没有发送失败的通知");
    return "redirect:/operations/notices";
  }

  @ExceptionHandler(Refused.class)
  String refused(Refused refused, Model model, HttpServletResponse response) {
    response.setStatus(HttpStatus.BAD_REQUEST.value());
    model.addAttribute("message", refused.getMessage());
    return "supervision/error";
  }

  private static NoticeStatus status(String name) {
    return STATUSES.stream().filter(status -> status.name().equals(name)).findFirst()
        .orElseThrow(() -> new Refused("status（状态）须为 " + String.join("、",
            STATUSES.stream().map(status -> status.name() + "（" + status.label() + "）").toList()) + " 之一"));
  }

  private static int pageNumber(String text) {
    try {
      int number = Integer.parseInt(text);
      if (number >= 1) {
        return number;
      }
    } catch (NumberFormatException e) {
      // refused below, as a number below one
    }
    throw new Refused("page（页码）须为正整数");
  }

  /** The rows with the names of their groups (robots) and people (the others), each looked up once. */
  private List<Row> rows(List<NoticeRecords.Listed> listed) {
    String[] ids = listed.stream().map(l -> l.notice().recipientId()).distinct().toArray(String[]::new);
    Map<String, String> groups = new HashMap<>();
    Map<String, String> people = new HashMap<>();
    if (ids.length > 0) {
      identity.createGroupQuery().groupIdIn(ids).list().forEach(group -> groups.put(group.getId(), group.getName()));
      identity.createUserQuery().userIdIn(ids).list().forEach(user -> people.put(user.getId(), user.getFirstName()));
    }
    return listed.stream().map(l -> {
      NoticeRecords.NoticeRecord notice = l.notice();
      boolean robot = NoticeChannel.valueOf(notice.channel()).isRobot();
      String recipient = (robot ? groups : people).getOrDefault(notice.recipientId(), notice.recipientId());
      return new Row(notice.id(), TIME.format(notice.createdAt().atZone(zone)), NoticeKind.valueOf(notice.kind()).label(),
          notice.channelName(), recipient, notice.recipientId(), l.problemId(), notice.statusName(), notice.attempts(),
          notice.lastError(), NoticeStatus.FAILED.name().equals(notice.status()));
    }).toList();
  }
}
