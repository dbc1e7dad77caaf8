package cn.zhenggai.rectification.security;

import cn.zhenggai.rectification.vocabulary.RefusedAction;
import java.util.Objects;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.identity.IdentityOperationResult;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * Camunda's user store, except that a person changes only their own password: name, title and email come from the
 * directory (administrators, or the organization file), because the case record and the notices are written under
 * them. Installed as the engine's identity provider, so the REST API, the web applications and the Java API all pass
 * here.
 */
public class OwnProfileGuard extends DbIdentityServiceProvider {

  static final String PROFILE_FROM_THE_DIRECTORY = "姓名、职务和邮箱由管理员维护，本人只能修改密码";

  @Override
  public IdentityOperationResult saveUser(User user) {
    if (byAPersonNotAnAdministrator()) {
      User stored = findUserById(user.getId());
      if (stored != null && profileChanged(stored, user)) {
        throw new RefusedAction(PROFILE_FROM_THE_DIRECTORY);
      }
    }
    return super.saveUser(user);
  }

  /** Camunda lets every user delete their own account; here only administrators delete accounts. */
  @Override
  public IdentityOperationResult deleteUser(String userId) {
    if (byAPersonNotAnAdministrator()) {
      throw new RefusedAction("账号由管理员维护，不能删除");
    }
    return super.deleteUser(userId);
  }

  /** A signed-in person other than an administrator; the application's own writes (seeds) pass. */
  private static boolean byAPersonNotAnAdministrator() {
    CommandContext context = Context.getCommandContext();
    Authentication authentication = context.getAuthentication();
    return authentication != null && context.isAuthorizationCheckEnabled()
        && !context.getAuthorizationManager().isCamundaAdmin(authentication);
  }

  private static boolean profileChanged(User stored, User submitted) {
    return !Objects.equals(stored.getFirstName(), submitted.getFirstName())
        || !Objects.equals(stored.getLastName(), submitted.getLastName())
        || !Objects.equals(stored.getEmail(), submitted.getEmail());
  }
}
