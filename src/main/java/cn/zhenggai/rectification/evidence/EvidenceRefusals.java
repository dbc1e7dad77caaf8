package cn.zhenggai.rectification.evidence;

import cn.zhenggai.rectification.web.RefusalsAsProblems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Refusals of the evidence endpoints as problem details with the Chinese message the Tasklist panel shows: 400 for the
 * file at fault, 403 for who may not, 409 for what the task does not allow now (404, 409 for a file already there and
 * 413 come as {@code ResponseStatusException}s with their message).
 */
@RestControllerAdvice(assignableTypes = EvidenceController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class EvidenceRefusals extends RefusalsAsProblems {

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ProblemDetail noName(MissingServletRequestParameterException missing) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "缺少文件名（参数 " + missing.getParameterName() + "）");
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ProblemDetail noSuchFile(MethodArgumentTypeMismatchException mismatch) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "找不到该佐证材料（或无权查看）");
  }
}
