package cn.zhenggai.rectification.extension;

import cn.zhenggai.rectification.web.RefusalsAsProblems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refusals of the extension panel's calls as problem details with the Chinese message the panel shows. */
@RestControllerAdvice(assignableTypes = ExtensionController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ExtensionRefusals extends RefusalsAsProblems {

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException unreadable) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        "请以 JSON 发送申请：{\"until\": \"yyyy-MM-dd\", \"reason\": \"延期理由\"}");
  }
}
