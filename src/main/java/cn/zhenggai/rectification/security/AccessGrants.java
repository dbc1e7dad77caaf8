package cn.zhenggai.rectification.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import cn.zhenggai.rectification.organization.TasklistFilters;
import cn.zhenggai.rectification.vocabulary.GroupType;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Service;

/**
 * Camunda authorizations by role (the group type), created at start-up and safe to create again:
 * <ul>
 *   <li>everyone: the Tasklist filters of {@link TasklistFilters#FOR_EVERYONE}; the others read all filters;
 *   <li>units: Tasklist, the two process definitions, names of people and groups; their own tasks come from being
 *       the tasks' candidate group, their own process instances from {@link UnitAccessPlugin};
 *   <li>supervisors and county leaders: Tasklist and Cockpit, read everything; supervisors work the review tasks
 *       as those tasks' candidate group, leaders are candidates of none;
 *   <li>administrators: everything.
 * </ul>
 */
@Service
public class AccessGrants {

  private static final List<String> PROCESSES = List.of(RectificationCaseProcess.KEY, UnitRectificationProcess.KEY);

  private final AuthorizationService authorizations;
  private final IdentityService identity;

  AccessGrants(AuthorizationService authorizations, IdentityService identity) {
    this.authorizations = authorizations;
    this.identity = identity;
  }

  /** @param filters the Tasklist filters by name */
  public void apply(Map<String, String> filters) {
    for (Group group : identity.createGroupQuery().list()) {
      GroupType.parse(group.getType()).ifPresent(type -> {
        grant(group.getId(), type);
        filters.forEach((name, id) -> {
          if (TasklistFilters.FOR_EVERYONE.contains(name) || type.readsEverything()) {
            grant(group.getId(), Resources.FILTER, id, Permissions.READ);
          }
        });
      });
    }
  }

  /**
   * A unit reads its own rectification process of a problem, while it runs and in history. Called as the process
   * starts: no grant on its new id can exist yet, so none is looked for.
   */
  void unitInstance(String unitId, String processInstanceId) {
    newGrant(unitId, Resources.PROCESS_INSTANCE, processInstanceId, ProcessInstancePermissions.READ);
    newGrant(unitId, Resources.HISTORIC_PROCESS_INSTANCE, processInstanceId, HistoricProcessInstancePermissions.READ);
  }

  private void grant(String group, GroupType type) {
    if (type == GroupType.SYSTEM) {
      for (Resources resource : Resources.values()) {
        grant(group, resource, ANY, Permissions.ALL);
      }
      return;
    }
    grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grant(group, Resources.USER, ANY, Permissions.READ);
    grant(group, Resources.GROUP, ANY, Permissions.READ);
    if (type == GroupType.UNIT) {
      PROCESSES.forEach(key -> grant(group, Resources.PROCESS_DEFINITION, key, ProcessDefinitionPermissions.READ));
      return;
    }
    grant(group, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(group, Resources.DEPLOYMENT, ANY, Permissions.READ);
    grant(group, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
        ProcessDefinitionPermissions.READ_TASK);
    grant(group, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ);
    grant(group, Resources.TASK, ANY, TaskPermissions.READ);
    grant(group, Resources.HISTORIC_PROCESS_INSTANCE, ANY, HistoricProcessInstancePermissions.READ);
    grant(group, Resources.HISTORIC_TASK, ANY, HistoricTaskPermissions.READ);
  }

  private void newGrant(String group, Resource resource, String resourceId, Permission permission) {
    Authorization authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
    authorization.setGroupId(group);
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    authorization.addPermission(permission);
    authorizations.saveAuthorization(authorization);
  }

  /** Adds the permissions to the group's grant on the resource, creating the grant the first time. */
  private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
    Authorization authorization = authorizations.createAuthorizationQuery()
        .authorizationType(AUTH_TYPE_GRANT)
        .groupIdIn(group)
        .resourceType(resource)
        .resourceId(resourceId)
        .singleResult();
    if (authorization == null) {
      authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
      authorization.setGroupId(group);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
    } else if (java.util.Arrays.stream(permissions).allMatch(authorization::isPermissionGranted)) {
      return;
    }
    for (Permission permission : permissions) {
      authorization.addPermission(permission);
    }
    authorizations.saveAuthorization(authorization);
  }
}
