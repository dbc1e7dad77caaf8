package cn.zhenggai.rectification.rounds;

import cn.zhenggai.rectification.vocabulary.RefusedAction;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/** Who may change rounds and amend published problems: members of the configured groups (the organization department). */
@Component
public class RoundManagers {

  private final IdentityService identity;
  private final RoundProperties properties;

  RoundManagers(IdentityService identity, RoundProperties properties) {
    this.identity = identity;
    this.properties = properties;
  }

  public boolean includes(String userId) {
    return userId != null && !properties.managers().isEmpty() && identity.createGroupQuery().groupMember(userId)
        .groupIdIn(properties.managers().toArray(String[]::new)).count() > 0;
  }

  /** The manager as the round's log names them; refuses anyone else, with a message that says who may. */
  public Actor require(String userId) {
    if (!includes(userId)) {
      throw new RefusedAction("只有组织部督导人员可以创建、编辑、发布、调整和结束整改批次；您可以查看");
    }
    User user = identity.createUserQuery().userId(userId).singleResult();
    if (user == null || user.getFirstName() == null) {
      return new Actor(userId, userId);
    }
    boolean titled = user.getLastName() != null && !user.getLastName().isBlank();
    return new Actor(userId, user.getFirstName() + (titled ? "（" + user.getLastName() + "）" : ""));
  }
}
