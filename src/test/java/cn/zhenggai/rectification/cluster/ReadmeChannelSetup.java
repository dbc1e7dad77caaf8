package cn.zhenggai.rectification.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What README.md's section "群机器人和短信" tells a county to set, read from the README itself so that a test built on
 * it fails when the README and the application drift apart: the environment variables of its code blocks, the
 * variables it names for a private deployment's addresses, its example SMS template, and the call by which an
 * administrator sets a person's channel and mobile.
 */
final class ReadmeChannelSetup {

  private static final Pattern CODE_BLOCK = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);
  /** {@code NAME=value  # comment}; a value in angle brackets is the county's own, e.g. {@code <AccessKey ID>}. */
  private static final Pattern SETTING =
      Pattern.compile("^(RECTIFICATION_[A-Z0-9_]+)=(<[^>\\n]*>|\\S+)", Pattern.MULTILINE);
  private static final Pattern SMS_TEMPLATE = Pattern.compile("例如：\\s*`([^`]*\\$\\{[^`]*)`");
  private static final Pattern OWN_CHANNEL = Pattern.compile("`PUT /api/me/channel`，内容 `(\\{[^`]*})`");
  private static final Pattern OTHERS_CHANNEL = Pattern.compile("`PUT (/api/users/)\\{用户名}(/channel)`");

  private final String section;

  private ReadmeChannelSetup(String section) {
    this.section = section;
  }

  static ReadmeChannelSetup read() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf("\n## 群机器人和短信\n");
    assertThat(start).as("README.md has the section 群机器人和短信").isNotNegative();
    int end = readme.indexOf("\n## ", start + 1);
    return new ReadmeChannelSetup(readme.substring(start, end < 0 ? readme.length() : end));
  }

  /**
   * The variables the section's code blocks set, each with the value given there or, where the README leaves the value
   * to the county ({@code <…>}), with the county's own from {@code ownValues}: one for each such variable, none unused.
   */
  Map<String, String> environment(Map<String, String> ownValues) {
    Map<String, String> environment = new LinkedHashMap<>();
    Matcher block = CODE_BLOCK.matcher(section);
    while (block.find()) {
      Matcher setting = SETTING.matcher(block.group(1));
      while (setting.find()) {
        String name = setting.group(1);
        String value = setting.group(2);
        if (value.startsWith("<")) {
          assertThat(ownValues).as("the county's own value of %s (README: %s)", name, value).containsKey(name);
          value = ownValues.get(name);
        }
        assertThat(environment.put(name, value)).as("%s set twice in the README", name).isNull();
      }
    }
    assertThat(environment).as("the README asks for each of the county's own values").containsKeys(
        ownValues.keySet().toArray(String[]::new));
    return environment;
  }

  /** A variable the README names outside its settings (a private deployment's address): checked, then given back. */
  String named(String variable) {
    assertThat(section).as("the README names %s", variable).contains(variable);
    return variable;
  }

  /** The README's example of an SMS template, with its variables ({@code ${unit}} …). */
  String smsTemplate() {
    Matcher template = SMS_TEMPLATE.matcher(section);
    assertThat(template.find()).as("the README gives an example SMS template").isTrue();
    return template.group(1);
  }

  /** The path by which an administrator sets this person's channel and mobile. */
  String othersChannelPath(String userId) {
    Matcher path = OTHERS_CHANNEL.matcher(section);
    assertThat(path.find()).as("the README gives the administrator's call %s", OTHERS_CHANNEL).isTrue();
    return path.group(1) + userId + path.group(2);
  }

  /** The JSON the README gives for choosing SMS with a mobile number. */
  String smsChoice() {
    Matcher json = OWN_CHANNEL.matcher(section);
    assertThat(json.find()).as("the README gives the JSON of %s", OWN_CHANNEL).isTrue();
    return json.group(1);
  }
}
