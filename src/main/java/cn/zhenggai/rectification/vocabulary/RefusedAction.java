package cn.zhenggai.rectification.vocabulary;

import org.camunda.bpm.engine.AuthorizationException;

/** An action this person may not take, refused with a message in Chinese that says why; answered as a 403. */
public class RefusedAction extends AuthorizationException {

  public RefusedAction(String message) {
    super(message);
  }
}
