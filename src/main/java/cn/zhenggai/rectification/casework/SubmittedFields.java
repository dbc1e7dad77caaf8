package cn.zhenggai.rectification.casework;

import cn.zhenggai.rectification.casework.FormCatalog.FieldType;
import cn.zhenggai.rectification.casework.FormCatalog.FormField;
import cn.zhenggai.rectification.vocabulary.RefusedInput;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextListener;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Component;

/**
 * What a person wrote with a completion, whichever way it came in: the task's variables are noted just before the
 * submitted values are set ({@link RecordRules}) and compared when the task completes, before any other listener
 * (declared or built in). Every variable that is new or changed must be a writable field of the task's form, of the
 * field's type; anything else refuses the whole completion, naming the field, so nothing of it is stored.
 */
@Component
class SubmittedFields {

  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  /** Task id → its variables before the submission, for the command running on this thread. */
  private final ThreadLocal<Map<String, Map<String, Object>>> before = new ThreadLocal<>();

  private final FormCatalog forms;

  SubmittedFields(FormCatalog forms) {
    this.forms = forms;
  }

  void remember(TaskEntity task) {
    Map<String, Map<String, Object>> tasks = before.get();
    if (tasks == null) {
      tasks = new HashMap<>();
      before.set(tasks);
      Context.getCommandContext().registerCommandContextListener(new CommandContextListener() {
        @Override
        public void onCommandContextClose(CommandContext context) {
          before.remove();
        }

        @Override
        public void onCommandFailed(CommandContext context, Throwable failure) {
          before.remove();
        }
      });
    }
    tasks.put(task.getId(), new HashMap<>(task.getVariables()));
  }

  /** The first listener on every task's completion. */
  void check(DelegateTask task) {
    Map<String, Map<String, Object>> tasks = before.get();
    Map<String, Object> old = tasks == null ? null : tasks.remove(task.getId());
    if (old == null) {
      throw new ProcessEngineException("completion of task " + task.getId() + " did not pass the record rules");
    }
    String processKey = processKey(task);
    Map<String, FormField> fields = forms.fieldsOf(processKey, task.getTaskDefinitionKey()).orElse(Map.of());
    task.getVariables().forEach((name, value) -> {
      if (old.containsKey(name) && Objects.equals(old.get(name), value)) {
        return;
      }
      FormField field = fields.get(name);
      if (field == null) {
        throw new RefusedInput("不接受字段“" + name + "”：这一步的表单中没有这个字段");
      }
      if (field.readonly()) {
        throw new RefusedInput("“" + field.label() + "”（" + name + "）只供查看，不能修改");
      }
      if (value != null && !ofType(value, field.type())) {
        throw new RefusedInput("“" + field.label() + "”（" + name + "）" + expected(field.type()));
      }
    });
  }

  private static boolean ofType(Object value, FieldType type) {
    return switch (type) {
      case TEXT -> value instanceof String;
      case DATE -> value instanceof String text && DATE.matcher(text).matches();
      case BOOLEAN -> value instanceof Boolean;
    };
  }

  static String expected(FieldType type) {
    return switch (type) {
      case TEXT -> "应为文字";
      case DATE -> "应为日期，格式 yyyy-MM-dd，如 2027-06-30";
      case BOOLEAN -> "应为 true 或 false";
    };
  }

  private static String processKey(DelegateTask task) {
    String definitionId = task.getProcessDefinitionId();
    return definitionId == null ? "" : definitionId.substring(0, definitionId.indexOf(':'));
  }
}
