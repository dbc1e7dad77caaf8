package cn.zhenggai.rectification.organization;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CreateMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteGroupCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteUserCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteUserInfoCmd;
import org.camunda.bpm.engine.impl.cmd.SaveGroupCmd;
import org.camunda.bpm.engine.impl.cmd.SaveUserCmd;
import org.camunda.bpm.engine.impl.cmd.SetUserInfoCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells the {@link PeopleDirectory} of every write to users, groups, memberships and user info on this node, whoever
 * makes it: Camunda Admin, the REST API, the channels pages, the seeding. The engine runs each as a command of its
 * own; this interceptor sits outside the command's transaction, so the directory forgets once the write has committed
 * (and again when an enclosing transaction of ours ends, if the command joined one).
 */
@Component
class IdentityWrites extends AbstractProcessEnginePlugin {

  private static final Set<Class<?>> WRITES = Set.of(SaveUserCmd.class, DeleteUserCmd.class, SaveGroupCmd.class,
      DeleteGroupCmd.class, CreateMembershipCmd.class, DeleteMembershipCmd.class, SetUserInfoCmd.class,
      DeleteUserInfoCmd.class);

  private final PeopleDirectory directory;

  IdentityWrites(@Lazy PeopleDirectory directory) {
    this.directory = directory;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = new ArrayList<>(
        Objects.requireNonNullElse(configuration.getCustomPreCommandInterceptorsTxRequired(), List.of()));
    interceptors.add(new Forgetting());
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
  }

  private final class Forgetting extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
      if (!WRITES.contains(command.getClass())) {
        return next.execute(command);
      }
      try {
        return next.execute(command);
      } finally {
        directory.forget();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
          TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
              directory.forget();
            }
          });
        }
      }
    }
  }
}
