package cn.zhenggai.rectification.evidence;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/** People's and units' names from the engine's directory, for what is shown; an id stands in for a name not found. */
@Component
class DirectoryNames {

  private final IdentityService identity;

  DirectoryNames(IdentityService identity) {
    this.identity = identity;
  }

  /** User id → name (the directory's first name holds the whole name). */
  Map<String, String> people(Collection<String> userIds) {
    Map<String, String> names = new HashMap<>();
    if (!userIds.isEmpty()) {
      for (User user : identity.createUserQuery().userIdIn(userIds.toArray(String[]::new)).list()) {
        names.put(user.getId(), user.getFirstName());
      }
    }
    userIds.forEach(id -> names.putIfAbsent(id, id));
    return names;
  }

  /** Group id → the unit's full name. */
  Map<String, String> units(Collection<String> unitIds) {
    Map<String, String> names = new HashMap<>();
    if (!unitIds.isEmpty()) {
      for (Group group : identity.createGroupQuery().groupIdIn(unitIds.toArray(String[]::new)).list()) {
        names.put(group.getId(), group.getName());
      }
    }
    unitIds.forEach(id -> names.putIfAbsent(id, id));
    return names;
  }
}
