package cn.zhenggai.rectification.supervision;

import cn.zhenggai.rectification.vocabulary.RefusedAction;
import cn.zhenggai.rectification.vocabulary.RefusedAtThisStage;
import cn.zhenggai.rectification.vocabulary.RefusedInput;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Our refusals in the rounds and amendments APIs, as problem details with the Chinese message: 400 for a value at
 * fault, 403 for who may not, 409 for what the round or case does not allow at this stage.
 */
@RestControllerAdvice(assignableTypes = {RoundApi.class, CaseAmendmentApi.class})
class ApiRefusals {

  @ExceptionHandler(RefusedInput.class)
  ProblemDetail refusedInput(RefusedInput refused) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, refused.getMessage());
  }

  @ExceptionHandler(RefusedAtThisStage.class)
  ProblemDetail refusedAtThisStage(RefusedAtThisStage refused) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, refused.getMessage());
  }

  @ExceptionHandler(RefusedAction.class)
  ProblemDetail refusedAction(RefusedAction refused) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, refused.getMessage());
  }
}
