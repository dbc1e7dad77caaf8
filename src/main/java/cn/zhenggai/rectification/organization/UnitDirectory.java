package cn.zhenggai.rectification.organization;

import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

/** Names of units as Camunda's identity service knows them; the BPMN asks it as {@code ${units.nameOf(unitId)}}. */
@Component("units")
public class UnitDirectory {

  private final PeopleDirectory directory;

  UnitDirectory(PeopleDirectory directory) {
    this.directory = directory;
  }

  /** The unit's Chinese name, or its id when the group has been removed since. */
  public String nameOf(String unitId) {
    return directory.group(unitId).map(Group::getName).orElse(unitId);
  }
}
