package cn.zhenggai.rectification.rounds;

import cn.zhenggai.rectification.vocabulary.RefusedInput;
import java.util.List;
import java.util.stream.Collectors;

/** A round's header refused: every field at fault, so a page can show each message beside its field. */
public class RefusedRoundForm extends RefusedInput {

  private final transient List<RoundForm.FieldError> errors;

  RefusedRoundForm(List<RoundForm.FieldError> errors) {
    super(errors.stream().map(RoundForm.FieldError::message).collect(Collectors.joining("；")));
    this.errors = List.copyOf(errors);
  }

  public List<RoundForm.FieldError> errors() {
    return errors;
  }
}
