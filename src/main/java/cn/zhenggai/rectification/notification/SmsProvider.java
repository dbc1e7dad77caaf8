package cn.zhenggai.rectification.notification;

import java.util.Date;
import java.util.Map;

/**
 * Sends one SMS made from the provider's approved template (短信模板) and its parameters; the sign name (短信签名) and
 * template are the provider's configuration.
 */
interface SmsProvider {

  /** @param now the time the request is signed with */
  void send(String mobile, Map<String, String> parameters, Date now) throws DeliveryFailure;

  /** The text with the provider's secrets masked: for errors that are stored or logged. */
  String scrub(String text);
}
