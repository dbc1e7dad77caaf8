package cn.zhenggai.rectification.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.UserOperationLogEntryEventEntity;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextListener;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * An administrator's changes to users, groups, memberships and authorizations (Camunda Admin, the REST API) into the
 * audit trail. Camunda writes each such operation to its user operation log (category Admin) as entries of one
 * operation id, one per property; with a handler of our own beside Camunda's, its composite handler hands them over one
 * by one, so they are gathered per operation and recorded when the engine's command closes (before its transaction
 * commits), one row per operation: which user, group or authorization, and the properties' old and new values. Camunda
 * records only operations of a signed-in user, so do we here. (The only class of this package that uses the engine's
 * internals.)
 */
@Component
class AdminChanges extends AbstractProcessEnginePlugin implements HistoryEventHandler {

  private static final Map<String, AuditAction> USER = Map.of(UserOperationLogEntry.OPERATION_TYPE_CREATE,
      AuditAction.USER_CREATED, UserOperationLogEntry.OPERATION_TYPE_UPDATE, AuditAction.USER_UPDATED,
      UserOperationLogEntry.OPERATION_TYPE_DELETE, AuditAction.USER_DELETED, UserOperationLogEntry.OPERATION_TYPE_UNLOCK,
      AuditAction.USER_UNLOCKED);
  private static final Map<String, AuditAction> GROUP = Map.of(UserOperationLogEntry.OPERATION_TYPE_CREATE,
      AuditAction.GROUP_CREATED, UserOperationLogEntry.OPERATION_TYPE_UPDATE, AuditAction.GROUP_UPDATED,
      UserOperationLogEntry.OPERATION_TYPE_DELETE, AuditAction.GROUP_DELETED);
  private static final Map<String, AuditAction> MEMBERSHIP = Map.of(UserOperationLogEntry.OPERATION_TYPE_CREATE,
      AuditAction.MEMBERSHIP_ADDED, UserOperationLogEntry.OPERATION_TYPE_DELETE, AuditAction.MEMBERSHIP_REMOVED);
  private static final Map<String, AuditAction> AUTHORIZATION = Map.of(UserOperationLogEntry.OPERATION_TYPE_CREATE,
      AuditAction.AUTHORIZATION_CREATED, UserOperationLogEntry.OPERATION_TYPE_UPDATE, AuditAction.AUTHORIZATION_UPDATED,
      UserOperationLogEntry.OPERATION_TYPE_DELETE, AuditAction.AUTHORIZATION_DELETED);

  /** One operation's entries so far, and who made it (named while the command runs). */
  private record Operation(String actorId, String actorName, List<UserOperationLogEntryEventEntity> entries) {}

  private final AuditTrail trail;
  /** The operations of the command this thread runs, by operation id, in the order they came. */
  private final ThreadLocal<Recorder> pending = new ThreadLocal<>();

  AdminChanges(@Lazy AuditTrail trail) {
    this.trail = trail;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
    handlers.add(this); // beside Camunda's own handler, which still writes its history (enableDefaultDbHistoryEventHandler)
    configuration.setCustomHistoryEventHandlers(handlers);
  }

  @Override
  public void handleEvents(List<HistoryEvent> events) {
    events.forEach(this::handleEvent);
  }

  @Override
  public void handleEvent(HistoryEvent event) {
    if (!(event instanceof UserOperationLogEntryEventEntity entry)
        || !UserOperationLogEntry.CATEGORY_ADMIN.equals(entry.getCategory())) {
      return;
    }
    CommandContext command = Context.getCommandContext();
    Recorder recorder = pending.get();
    if (recorder == null || recorder.command != command) { // none yet, or left by a command that ended unheard
      recorder = new Recorder(command);
      pending.set(recorder);
      command.registerCommandContextListener(recorder);
    }
    recorder.operations.computeIfAbsent(entry.getOperationId(),
        id -> new Operation(entry.getUserId(), trail.nameOf(entry.getUserId()), new ArrayList<>())).entries().add(entry);
  }

  /** Records one command's operations as it closes; forgets them if it fails. */
  private final class Recorder implements CommandContextListener {

    private final CommandContext command;
    private final Map<String, Operation> operations = new LinkedHashMap<>();

    private Recorder(CommandContext command) {
      this.command = command;
    }

    @Override
    public void onCommandContextClose(CommandContext context) {
      pending.remove();
      operations.values().forEach(AdminChanges.this::record);
    }

    @Override
    public void onCommandFailed(CommandContext context, Throwable failure) {
      pending.remove();
    }
  }

  private void record(Operation operation) {
    UserOperationLogEntryEventEntity first = operation.entries().get(0);
    AuditAction action = actionOf(first.getEntityType(), first.getOperationType());
    if (action == null) {
      return;
    }
    Set<String> changes = new LinkedHashSet<>(); // the same change may come twice (an authorization's do)
    for (UserOperationLogEntryEventEntity entry : operation.entries()) {
      if (entry.getProperty() != null) {
        changes.add(entry.getProperty() + "：" + change(entry.getOrgValue(), entry.getNewValue()));
      }
    }
    trail.record(AuditTrail.Actor.named(operation.actorId()), operation.actorName(),
        AuditTrail.Entry.of(action, target(first.getEntityType(), operation.entries()), String.join("；", changes)));
  }

  private static AuditAction actionOf(String entityType, String operationType) {
    Map<String, AuditAction> actions = switch (entityType) {
      case EntityTypes.USER -> USER;
      case EntityTypes.GROUP -> GROUP;
      case EntityTypes.GROUP_MEMBERSHIP -> MEMBERSHIP;
      case EntityTypes.AUTHORIZATION -> AUTHORIZATION;
      case EntityTypes.TENANT, EntityTypes.TENANT_MEMBERSHIP -> Map.of(operationType, AuditAction.TENANT_CHANGED);
      default -> Map.of();
    };
    return actions.get(operationType);
  }

  /** The user, group, membership ("user → group") or authorization (its resource and whom it grants to). */
  private static String target(String entityType, List<UserOperationLogEntryEventEntity> entries) {
    String user = value(entries, "userId");
    String group = value(entries, "groupId");
    return switch (entityType) {
      case EntityTypes.USER -> user;
      case EntityTypes.GROUP -> group;
      case EntityTypes.GROUP_MEMBERSHIP -> user + " → " + group;
      case EntityTypes.AUTHORIZATION -> value(entries, "resource") + " " + value(entries, "resourceId") + " → "
          + (user != null ? "用户 " + user : "组 " + group);
      default -> Objects.requireNonNullElse(value(entries, "tenantId"), "");
    };
  }

  /** A property's new value, or its old one where it has none (a deletion). */
  private static String value(List<UserOperationLogEntryEventEntity> entries, String property) {
    return entries.stream().filter(entry -> property.equals(entry.getProperty()))
        .map(entry -> entry.getNewValue() != null ? entry.getNewValue() : entry.getOrgValue())
        .filter(Objects::nonNull).findFirst().orElse(null);
  }

  private static String change(String before, String after) {
    if (before == null) {
      return String.valueOf(after);
    }
    return Objects.equals(before, after) ? before : before + " → " + after;
  }
}
