package cn.zhenggai.rectification.notification;

import cn.zhenggai.rectification.vocabulary.EngineClock;
import cn.zhenggai.rectification.vocabulary.GroupType;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A person's choice of the daily digest (also on their page {@code /me/notices}), and an operator's retry of a failed
 * notice (recorded in the audit trail).
 */
@RestController
class NotificationController {

  private static final String DIGEST_ONLY = "请只给出 digest：true（每日汇总）或 false（逐条邮件）";

  private final PersonalChannels channels;
  private final Notifications notifications;

  NotificationController(PersonalChannels channels, Notifications notifications) {
    this.channels = channels;
    this.notifications = notifications;
  }

  @PutMapping("/api/me/notification-preference")
  Map<String, Boolean> choose(@RequestBody JsonNode choice, Authentication user) {
    // a JSON boolean only: 1, "true" or "yes" are not a choice anybody made
    if (choice == null || !choice.path("digest").isBoolean() || choice.size() != 1) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, DIGEST_ONLY);
    }
    boolean digest = choice.get("digest").booleanValue();
    channels.chooseDigest(user.getName(), digest);
    return Map.of("digest", digest);
  }

  @PostMapping("/api/notifications/{id}/retry")
  Map<String, Object> retry(@PathVariable long id, Authentication user) {
    boolean administrator = user.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(GroupType.SYSTEM.authority()));
    if (!administrator) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "只有管理员可以重新发送");
    }
    if (!notifications.retry(id, EngineClock.now())) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "没有编号为 " + id + " 的发送失败的通知");
    }
    return Map.of("id", id, "status", NoticeStatus.PENDING.name());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException unreadable) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "请求内容不是有效的 JSON。" + DIGEST_ONLY);
  }
}
