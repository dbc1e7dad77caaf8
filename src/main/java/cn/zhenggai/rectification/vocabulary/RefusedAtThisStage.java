package cn.zhenggai.rectification.vocabulary;

/**
 * An action refused not for who asks but for where the case or round stands (a round already published, a unit
 * already at work, a problem already withdrawn), with a message in Chinese that says why. Our own APIs answer it with
 * 409, so a client tells "not now" from "not you" (403).
 */
public class RefusedAtThisStage extends RefusedAction {

  public RefusedAtThisStage(String message) {
    super(message);
  }
}
