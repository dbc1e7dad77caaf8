package cn.zhenggai.rectification.supervision;

import cn.zhenggai.rectification.rounds.DraftEdits;
import cn.zhenggai.rectification.rounds.DraftProblem;
import cn.zhenggai.rectification.rounds.Round;
import cn.zhenggai.rectification.vocabulary.RefusedInput;
import java.util.List;

/**
 * The button pressed on the draft list ({@code delete:3}…) applied to the list as typed; returns the place in the list
 * to show afterwards.
 */
record RoundDraftAction(String verb, int index) {

  static RoundDraftAction parse(String action) {
    String text = action == null || action.isBlank() ? "save" : action.strip();
    int colon = text.indexOf(':');
    if (colon < 0) {
      return new RoundDraftAction(text, -1);
    }
    try {
      return new RoundDraftAction(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new RefusedInput("无法识别的操作：" + text);
    }
  }

  List<DraftProblem> apply(List<DraftProblem> typed, RoundDraftForm form, Round round, List<String> defaultSupervisors) {
    return switch (verb) {
      case "save" -> DraftEdits.renumber(typed);
      case "add" -> DraftEdits.add(typed, round.defaultDeadline(), defaultSupervisors);
      case "delete" -> DraftEdits.delete(typed, index);
      case "up" -> DraftEdits.moveUp(typed, index);
      case "down" -> DraftEdits.moveDown(typed, index);
      case "merge" -> DraftEdits.mergeWithNext(typed, index, round.sourceText());
      case "split" -> DraftEdits.split(typed, index, splitAt(form));
      default -> throw new RefusedInput("无法识别的操作：" + verb);
    };
  }

  /** Where the list should open after the change: the problem acted on (or the one that took its place). */
  int focus(int size) {
    return switch (verb) {
      case "add" -> size - 1;
      case "up" -> Math.max(0, index - 1);
      case "down" -> Math.min(size - 1, index + 1);
      case "save" -> -1;
      default -> Math.min(index, size - 1);
    };
  }

  private int splitAt(RoundDraftForm form) {
    if (index < 0 || index >= form.getProblems().size() || form.getProblems().get(index).getSplitAt() == null) {
      throw new RefusedInput("请先选择拆分的位置");
    }
    return form.getProblems().get(index).getSplitAt();
  }
}
