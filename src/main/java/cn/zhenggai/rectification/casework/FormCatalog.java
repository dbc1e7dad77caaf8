package cn.zhenggai.rectification.casework;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The fields each user task's form declares, read from the same {@code bpmn/} files the engine deploys: a task takes
 * exactly these from a person, of these types; read-only fields are shown, never written. Values are inserted into
 * the forms' texts only by html components, which show them as written.
 */
@Component
public class FormCatalog {

  public enum FieldType {
    TEXT, DATE, BOOLEAN;

    static FieldType of(JsonNode component, String where) {
      return switch (component.path("type").asText()) {
        case "textfield", "textarea" -> TEXT;
        case "checkbox" -> BOOLEAN;
        case "datetime" -> {
          if (!"date".equals(component.path("subtype").asText())) {
            throw new IllegalStateException(where + "：只支持日期（subtype date）字段");
          }
          yield DATE;
        }
        default -> throw new IllegalStateException(where + "：不支持的字段类型 " + component.path("type").asText());
      };
    }
  }

  public record FormField(String key, String label, FieldType type, boolean readonly) {}

  /** Process key + task id → form fields by key. */
  private final Map<String, Map<String, FormField>> taskForms = new HashMap<>();

  FormCatalog() throws IOException {
    var resolver = new PathMatchingResourcePatternResolver();
    Map<String, Map<String, FormField>> forms = new HashMap<>();
    ObjectMapper json = new ObjectMapper();
    for (Resource resource : resolver.getResources("classpath*:bpmn/forms/*.form")) {
      try (InputStream in = resource.getInputStream()) {
        JsonNode form = json.readTree(in);
        Map<String, FormField> fields = new LinkedHashMap<>();
        collect(form.path("components"), fields, resource.getFilename());
        forms.put(form.path("id").asText(), fields);
      }
    }
    for (Resource resource : resolver.getResources("classpath*:bpmn/*.bpmn")) {
      try (InputStream in = resource.getInputStream()) {
        BpmnModelInstance model = Bpmn.readModelFromStream(in);
        // every user task, also those inside a sub-process (审批延期申请), under its process
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
          String formRef = task.getCamundaFormRef();
          Map<String, FormField> fields = formRef == null ? Map.of() : forms.get(formRef);
          if (fields == null) {
            throw new IllegalStateException(resource.getFilename() + "：任务 " + task.getId() + " 的表单 " + formRef + " 不存在");
          }
          taskForms.put(processOf(task).getId() + "#" + task.getId(), fields);
        }
      }
    }
  }

  private static Process processOf(ModelElementInstance element) {
    ModelElementInstance parent = element.getParentElement();
    return parent instanceof Process process ? process : processOf(parent);
  }

  private static void collect(JsonNode components, Map<String, FormField> fields, String file) {
    for (JsonNode component : components) {
      // form-js reads what a text component inserts as Markdown (a problem's "[点此](…)" would become a link); an html
      // component escapes each inserted value, so a speech's text is shown as written
      if ("text".equals(component.path("type").asText()) && component.path("text").asText().contains("{{")) {
        throw new IllegalStateException(file + "：文本组件 " + component.path("id").asText()
            + " 插入了变量，插入的值会被当作 Markdown；请改用 html 组件");
      }
      if (component.hasNonNull("key")) {
        String key = component.get("key").asText();
        fields.put(key, new FormField(key, component.path("label").asText(component.path("dateLabel").asText(key)),
            FieldType.of(component, file + " 字段 " + key), component.path("readonly").asBoolean(false)));
      }
      collect(component.path("components"), fields, file);
    }
  }

  /** The fields of a task's form; empty when the process or task is not ours. */
  public Optional<Map<String, FormField>> fieldsOf(String processKey, String taskDefinitionKey) {
    return Optional.ofNullable(taskForms.get(processKey + "#" + taskDefinitionKey));
  }
}
