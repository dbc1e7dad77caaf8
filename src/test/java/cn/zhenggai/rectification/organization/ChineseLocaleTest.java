package cn.zhenggai.rectification.organization;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our Chinese translations (Tasklist, Welcome, Admin, Cockpit) have every key of Camunda's English ones (an upgrade
 * that adds keys fails here until they are translated), and keep each text's placeholders.
 */
class ChineseLocaleTest {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[^}]*}}");
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "welcome", "admin", "cockpit"})
  void everyEnglishKeyIsTranslatedWithItsPlaceholders(String app) throws Exception {
    Map<String, String> english = texts(read(app, "en"));
    Map<String, String> chinese = texts(read(app, "zh"));

    assertThat(chinese.keySet()).as(app + ": keys of zh.json").isEqualTo(english.keySet());
    english.forEach((key, text) -> {
      if (!key.endsWith("BANNER_CE_EOL_TEXT")) {
        assertThat(placeholders(chinese.get(key))).as(app + " " + key).isEqualTo(placeholders(text));
      }
    });
    assertThat(chinese.values().stream().filter(t -> t.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)).count())
        .as(app + ": most texts are Chinese").isGreaterThan(english.size() / 2);
  }

  private static JsonNode read(String app, String locale) throws Exception {
    String path = "META-INF/resources/webjars/camunda/app/" + app + "/locales/" + locale + ".json";
    try (InputStream in = ChineseLocaleTest.class.getClassLoader().getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return JSON.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }
  }

  private static Map<String, String> texts(JsonNode node) {
    Map<String, String> texts = new TreeMap<>();
    collect("", node, texts);
    return texts;
  }

  private static void collect(String path, JsonNode node, Map<String, String> texts) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        collect(path + "/" + field.getKey(), field.getValue(), texts);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(path + "[" + i + "]", node.get(i), texts);
      }
    } else {
      texts.put(path, node.asText());
    }
  }

  private static Set<String> placeholders(String text) {
    Set<String> found = new TreeSet<>();
    Matcher matcher = PLACEHOLDER.matcher(text);
    while (matcher.find()) {
      found.add(matcher.group().replace(" ", ""));
    }
    return found;
  }
}
