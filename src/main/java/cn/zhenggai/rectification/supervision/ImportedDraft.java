package cn.zhenggai.rectification.supervision;

import cn.zhenggai.rectification.rounds.DraftProblem;
import cn.zhenggai.rectification.speech.SpeechDraft;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The importer's proposal as a round's draft list: each problem due on the round's default deadline, supervised by the
 * groups the importer suggests or else by the organization department; and what the person should look at, the
 * importer's notices first, then the problems whose units the importer could not tell.
 */
record ImportedDraft(List<DraftProblem> problems, List<String> notices) {

  static ImportedDraft of(SpeechDraft draft, LocalDate deadline, List<String> defaultSupervisors) {
    List<DraftProblem> problems = new ArrayList<>();
    List<String> unsure = new ArrayList<>();
    for (cn.zhenggai.rectification.speech.DraftProblem proposed : draft.problems()) {
      problems.add(new DraftProblem(proposed.number(), proposed.category(), proposed.title(), proposed.source(),
          proposed.sourceStart(), proposed.sourceEnd(), proposed.measures(), proposed.units(),
          proposed.supervisors().isEmpty() ? defaultSupervisors : proposed.supervisors(), deadline, null));
      if (proposed.unitsUnsure()) {
        unsure.add(proposed.number());
      }
    }
    List<String> notices = new ArrayList<>(draft.notices());
    if (!unsure.isEmpty()) {
      notices.add("以下问题的责任单位需要人工指定：" + String.join("、", unsure) + "。");
    }
    if (!problems.isEmpty()) {
      notices.add("拟出 " + problems.size() + " 个问题，整改时限均为批次的默认整改时限，请逐项核对后再发布。");
    }
    return new ImportedDraft(List.copyOf(problems), List.copyOf(notices));
  }
}
