package cn.zhenggai.rectification.notification;

import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/** What everybody chose for their notices, as stored: channel, mobile and digest, to compare before and after. */
public final class StoredChoices {

  private StoredChoices() {}

  /** Account → "channel mobile digest" (what is not set shows as null). */
  public static Map<String, String> ofEveryone(IdentityService identity) {
    Map<String, String> choices = new TreeMap<>();
    for (User user : identity.createUserQuery().list()) {
      choices.put(user.getId(), of(identity, user.getId()));
    }
    return choices;
  }

  public static String of(IdentityService identity, String userId) {
    return identity.getUserInfo(userId, Notifications.CHANNEL_PREFERENCE) + " " + identity.getUserInfo(userId, Notifications.MOBILE)
        + " " + identity.getUserInfo(userId, Notifications.DIGEST_PREFERENCE);
  }
}
