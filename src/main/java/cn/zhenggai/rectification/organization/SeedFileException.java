package cn.zhenggai.rectification.organization;

import java.util.List;

/** A seed file that cannot be used as it is: every problem found, each naming the file, the entry and the field. */
public class SeedFileException extends RuntimeException {

  private final List<String> problems;

  public SeedFileException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public SeedFileException(String problem) {
    this(List.of(problem));
  }

  public List<String> problems() {
    return problems;
  }
}
