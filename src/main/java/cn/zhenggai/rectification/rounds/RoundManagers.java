package cn.zhenggai.rectification.rounds;

import cn.zhenggai.rectification.vocabulary.RefusedAction;
import org.camunda.bpm.engine.IdentityService;
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

  /** Refuses anyone else, with a message that says who may. */
  public void require(String userId) {
    if (!includes(userId)) {
      throw new RefusedAction("只有组织部督导人员可以创建、编辑、发布、调整和结束整改批次；您可以查看");
    }
  }
}
