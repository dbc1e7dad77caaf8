package cn.zhenggai.rectification.extension;

import cn.zhenggai.rectification.security.Viewer;
import cn.zhenggai.rectification.vocabulary.RefusedInput;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Tasklist panel 申请延期 (session sign-in, Tasklist's CSRF header): a task's requests for more time, and a new one.
 */
@RestController
class ExtensionController {

  /** What the panel sends: the date asked for (yyyy-MM-dd) and why. */
  record NewRequest(String until, String reason) {}

  private final ExtensionRequests requests;

  ExtensionController(ExtensionRequests requests) {
    this.requests = requests;
  }

  @GetMapping("/extensions/tasks/{taskId}")
  ExtensionView ofTask(@PathVariable String taskId, Authentication user) {
    return requests.view(taskId, Viewer.of(user));
  }

  @PostMapping("/extensions/tasks/{taskId}")
  ResponseEntity<ExtensionView> request(@PathVariable String taskId, @RequestBody NewRequest body, Authentication user) {
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(requests.request(taskId, date(body.until()), body.reason(), Viewer.of(user)));
  }

  private static LocalDate date(String until) {
    if (until == null || until.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(until.strip());
    } catch (DateTimeParseException e) {
      throw new RefusedInput("延期至（until）应为日期，格式 yyyy-MM-dd，如 2027-07-15");
    }
  }
}
