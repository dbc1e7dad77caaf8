package cn.zhenggai.rectification.web;

import cn.zhenggai.rectification.vocabulary.RefusedAction;
import cn.zhenggai.rectification.vocabulary.RefusedAtThisStage;
import cn.zhenggai.rectification.vocabulary.RefusedInput;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Our refusals as problem details with their Chinese message: 400 for a value at fault, 403 for who may not, 409 for
 * what the case, round or task does not allow at this stage. Each API's advice extends this for its controllers.
 */
public abstract class RefusalsAsProblems {

  @ExceptionHandler(RefusedInput.class)
  public ProblemDetail refusedInput(RefusedInput refused) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, refused.getMessage());
  }

  @ExceptionHandler(RefusedAtThisStage.class)
  public ProblemDetail refusedAtThisStage(RefusedAtThisStage refused) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, refused.getMessage());
  }

  @ExceptionHandler(RefusedAction.class)
  public ProblemDetail refusedAction(RefusedAction refused) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, refused.getMessage());
  }
}
