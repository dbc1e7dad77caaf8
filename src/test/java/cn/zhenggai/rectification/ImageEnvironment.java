package cn.zhenggai.rectification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment the Dockerfile gives the application ({@code ENV NAME=value}, one a line, the value optionally in
 * double quotes): the JVM options ({@code JAVA_TOOL_OPTIONS}) and the rest, read by the start-up benchmark to measure
 * what the image runs and by the compose file's test to keep the two in step.
 */
public final class ImageEnvironment {

  private static final Pattern ENV = Pattern.compile("(?m)^ENV (\\w+)=(?:\"([^\"]*)\"|(\\S+))\\s*$");

  private ImageEnvironment() {}

  public static Map<String, String> of(Path dockerfile) {
    try {
      Map<String, String> environment = new LinkedHashMap<>();
      Matcher line = ENV.matcher(Files.readString(dockerfile));
      while (line.find()) {
        environment.put(line.group(1), line.group(2) != null ? line.group(2) : line.group(3));
      }
      return environment;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + dockerfile, e);
    }
  }
}
