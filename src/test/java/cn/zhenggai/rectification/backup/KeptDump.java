package cn.zhenggai.rectification.backup;

import cn.zhenggai.rectification.casework.CaseDriver;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;

/**
 * What a dump kept as upgrade test data ({@code src/test/resources/upgrade/<date>-V<migration>.dump}) held when it was
 * made, in the JSON file beside it: its {@link Figures}, and one unit item whose work goes on after the upgrade.
 */
public record KeptDump(Figures figures, GoesOn goesOn) {

  /**
   * The next step of one unit item: its open task at stage {@code before}, completed by {@code user} with these
   * variables, brings it to stage {@code after}.
   */
  public record GoesOn(String problem, String unit, String user, String before, Map<String, Object> variables,
      String after) {

    /** The item as {@link Figures#items()} names it. */
    public String item() {
      return problem + "/" + unit;
    }

    /** The task completed, as its user does in Tasklist. */
    public void complete(ProcessEngine engine) {
      CaseDriver driver = new CaseDriver(engine);
      driver.completeAs(user, driver.unitTask(problem, unit), variables);
    }
  }

  private static final ObjectMapper JSON = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  public static KeptDump besides(Path dump) {
    try {
      return JSON.readValue(json(dump).toFile(), KeptDump.class);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + json(dump), e);
    }
  }

  public void writeBesides(Path dump) {
    try {
      JSON.writeValue(json(dump).toFile(), this);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + json(dump), e);
    }
  }

  private static Path json(Path dump) {
    String name = dump.getFileName().toString();
    return dump.resolveSibling(name.substring(0, name.length() - ".dump".length()) + ".json");
  }
}
