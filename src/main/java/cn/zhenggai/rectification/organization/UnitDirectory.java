package cn.zhenggai.rectification.organization;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

/** Names of units as Camunda's identity service knows them; the BPMN asks it as {@code ${units.nameOf(unitId)}}. */
@Component("units")
public class UnitDirectory {

  private final IdentityService identity;

  UnitDirectory(IdentityService identity) {
    this.identity = identity;
  }

  /** The unit's Chinese name, or its id when the group has been removed since. */
  public String nameOf(String unitId) {
    Group group = identity.createGroupQuery().groupId(unitId).singleResult();
    return group == null ? unitId : group.getName();
  }
}
