package cn.zhenggai.rectification.vocabulary;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * What a person sent was refused, with a message in Chinese that names the field and says why. The only refusal whose
 * message is shown to the sender as it is; other errors are answered with a general message (they may name classes).
 */
public class RefusedInput extends BadUserRequestException {

  public RefusedInput(String message) {
    super(message);
  }
}
