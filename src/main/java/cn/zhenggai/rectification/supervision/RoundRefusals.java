package cn.zhenggai.rectification.supervision;

import cn.zhenggai.rectification.vocabulary.RefusedAction;
import cn.zhenggai.rectification.vocabulary.RefusedAtThisStage;
import cn.zhenggai.rectification.vocabulary.RefusedInput;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ResponseStatusException;

/**
 * A refusal on the round pages is a page saying why: 403 for who may not, 409 for what the round does not allow at this
 * stage, 400 for a value at fault, 404 for no such round.
 */
@ControllerAdvice(assignableTypes = {RoundPages.class, RoundImportPage.class})
class RoundRefusals {

  @ExceptionHandler(RefusedAtThisStage.class)
  String refusedAtThisStage(RefusedAtThisStage refused, Model model, HttpServletResponse response) {
    return page(HttpStatus.CONFLICT, "现在不能这样做", refused.getMessage(), model, response);
  }

  @ExceptionHandler(RefusedAction.class)
  String refusedAction(RefusedAction refused, Model model, HttpServletResponse response) {
    return page(HttpStatus.FORBIDDEN, "无权操作", refused.getMessage(), model, response);
  }

  @ExceptionHandler(RefusedInput.class)
  String refusedInput(RefusedInput refused, Model model, HttpServletResponse response) {
    return page(HttpStatus.BAD_REQUEST, "请求有误", refused.getMessage(), model, response);
  }

  @ExceptionHandler(ResponseStatusException.class)
  String notFound(ResponseStatusException missing, Model model, HttpServletResponse response) {
    return page(HttpStatus.valueOf(missing.getStatusCode().value()), "找不到", missing.getReason(), model, response);
  }

  private static String page(HttpStatus status, String heading, String message, Model model, HttpServletResponse response) {
    response.setStatus(status.value());
    model.addAttribute("heading", heading);
    model.addAttribute("message", message);
    return "supervision/round-refused";
  }
}
