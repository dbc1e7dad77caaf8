package cn.zhenggai.rectification.speech;

import java.util.List;

/**
 * The problem list proposed from a speech or report, and what the importer wants a person to look at (in Chinese).
 */
public record SpeechDraft(List<DraftProblem> problems, List<String> notices) {

  public SpeechDraft {
    problems = problems == null ? List.of() : List.copyOf(problems);
    notices = notices == null ? List.of() : List.copyOf(notices);
  }
}
