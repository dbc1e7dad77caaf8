package cn.zhenggai.rectification.notification;

import cn.zhenggai.rectification.audit.AuditAction;
import cn.zhenggai.rectification.audit.AuditTrail;
import java.util.Optional;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Service;

/**
 * A person's own channel (email, SMS, or only the unit's group robot), mobile number and daily digest choice, kept as
 * Camunda user info so they travel with the account. The one place that checks and stores them, whoever sets them: the
 * person on their page or through the API, an administrator on the channels page or through the API.
 */
@Service
class PersonalChannels {

  /** A mainland mobile number: 11 digits starting with 1. */
  private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");

  /** A choice refused, naming the field. */
  static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }

  /** What the person chose; mobile is empty when they gave none. */
  record Choice(ChannelChoice channel, String mobile) {}

  private final IdentityService identity;
  private final AuditTrail trail;

  PersonalChannels(IdentityService identity, AuditTrail trail) {
    this.identity = identity;
    this.trail = trail;
  }

  Optional<Choice> of(String userId) {
    if (identity.createUserQuery().userId(userId).count() == 0) {
      return Optional.empty();
    }
    return Optional.of(stored(userId));
  }

  /** The choice of a person known to exist. */
  Choice stored(String userId) {
    String channel = identity.getUserInfo(userId, Notifications.CHANNEL_PREFERENCE);
    String mobile = identity.getUserInfo(userId, Notifications.MOBILE);
    return new Choice(ChannelChoice.of(channel), mobile == null ? "" : mobile);
  }

  /** Whether the person wants one digest email a day instead of an email per notice. */
  boolean digest(String userId) {
    return "true".equals(identity.getUserInfo(userId, Notifications.DIGEST_PREFERENCE));
  }

  /**
   * The digest is a form of email: the choice is kept whatever the channel, and counts only while the channel is email
   * (a person who chose SMS or only the robot gets no digest email).
   */
  void chooseDigest(String userId, boolean digest) {
    identity.setUserInfo(userId, Notifications.DIGEST_PREFERENCE, Boolean.toString(digest));
  }

  /** Checks both fields before storing either: a refused choice changes nothing. */
  Choice choose(String userId, String channelName, String mobileText) {
    ChannelChoice channel = ChannelChoice.named(channelName == null ? "" : channelName.trim()).orElseThrow(() ->
        new Refused("channel（通知方式）须为 EMAIL（邮件）、SMS（短信）或 NONE（只看单位群机器人）"));
    String mobile = mobileText == null ? "" : mobileText.strip().replace(" ", "").replace("-", "");
    if (!mobile.isEmpty() && !MOBILE.matcher(mobile).matches()) {
      throw new Refused("mobile（手机号码）须为 11 位手机号码，例如 13800000000");
    }
    if (channel == ChannelChoice.SMS && mobile.isEmpty()) {
      throw new Refused("mobile（手机号码）：选择短信通知须填写手机号码");
    }
    identity.setUserInfo(userId, Notifications.CHANNEL_PREFERENCE, channel.name());
    if (mobile.isEmpty()) {
      identity.deleteUserInfo(userId, Notifications.MOBILE);
    } else {
      identity.setUserInfo(userId, Notifications.MOBILE, mobile);
    }
    // whoever changed it (the person, or an administrator for them) is in the audit trail
    trail.record(AuditTrail.Entry.of(AuditAction.CHANNEL_CHANGED, userId,
        "通知方式：" + channel.label() + (mobile.isEmpty() ? "" : "；手机号码：" + mobile)));
    return new Choice(channel, mobile);
  }
}
