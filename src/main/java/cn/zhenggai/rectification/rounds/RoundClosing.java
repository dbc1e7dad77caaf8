package cn.zhenggai.rectification.rounds;

import cn.zhenggai.rectification.casework.CaseAmendments;
import cn.zhenggai.rectification.casework.CaseOpening;
import cn.zhenggai.rectification.casework.CaseQueries;
import cn.zhenggai.rectification.casework.CaseStarter;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.RefusedAtThisStage;
import cn.zhenggai.rectification.vocabulary.RefusedInput;
import cn.zhenggai.rectification.vocabulary.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Closing a round. Unfinished items move into a chosen later round, as counties do when next year's review checks
 * last year's rectification: each problem with units still at work becomes a new problem of that round (numbered after
 * its own, linked to the old case), for those units only; the old case ends as 已转入 and keeps its history. Into a
 * draft round the problem joins the list to be published with it; into a published round its case opens at once.
 */
@Service
public class RoundClosing {

  private final RoundStore store;
  private final CaseQueries cases;
  private final CaseAmendments amendments;
  private final CaseStarter starter;

  RoundClosing(RoundStore store, CaseQueries cases, CaseAmendments amendments, CaseStarter starter) {
    this.store = store;
    this.cases = cases;
    this.amendments = amendments;
    this.starter = starter;
  }

  /** Returns how many problems were carried over. */
  @Transactional
  public int close(String code, String intoCode, Actor actor) {
    Round round = store.lock(code).orElseThrow(() -> new RefusedInput("没有代码为 " + code + " 的整改批次"));
    if (round.status() != RoundStatus.PUBLISHED) {
      throw new RefusedAtThisStage("批次“" + round.name() + "”" + round.status().label() + "，只有整改中的批次可以结束");
    }
    List<CaseQueries.OpenCase> unfinished = cases.openCases(code);
    List<String> awaitingClosure = unfinished.stream().filter(open -> open.stage() == Stage.CONFIRM_CLOSURE)
        .map(CaseQueries.OpenCase::problemId).toList();
    if (!awaitingClosure.isEmpty()) {
      // every unit is done: nothing to carry over, the supervisors only have to confirm the closure
      throw new RefusedAtThisStage("问题 " + String.join("、", awaitingClosure) + " 的各责任单位都已验收，正等待确认销号；"
          + "请先在 Tasklist 中确认销号，再结束批次");
    }
    Round into = null;
    if (!unfinished.isEmpty()) {
      if (intoCode == null || intoCode.isBlank()) {
        throw new RefusedInput("批次还有 " + unfinished.size() + " 个问题未完成整改，请选择转入的后续批次（into）");
      }
      into = store.lock(intoCode).orElseThrow(() -> new RefusedInput("没有代码为 " + intoCode + " 的整改批次"));
      if (into.code().equals(code) || into.status() == RoundStatus.CLOSED || into.heldOn().isBefore(round.heldOn())) {
        throw new RefusedInput("只能转入日期不早于本批次、尚未结束的另一个批次；“" + into.name() + "”不符合");
      }
    }
    int section = nextSection(into);
    Map<String, List<String>> measures = store.problems(code).stream()
        .collect(Collectors.toMap(DraftProblem::number, DraftProblem::measures, (a, b) -> a));
    List<String> carried = new ArrayList<>();
    for (CaseQueries.OpenCase open : unfinished) {
      String number = section + "." + (carried.size() + 1);
      String intoKey = RectificationCaseProcess.caseKey(into.code(), number);
      List<String> units = amendments.carryOver(open.problemId(), intoKey, actor.id());
      DraftProblem problem = new DraftProblem(number, open.category(), open.title(), open.source(), null, null,
          measures.getOrDefault(open.number(), List.of()), units, open.supervisors(), into.defaultDeadline(), open.problemId());
      store.appendProblem(into.code(), problem);
      if (!into.isDraft()) {
        starter.startIfNew(new CaseOpening(into.code(), into.name(), problem.toProblem(), open.problemId(),
            into.lookBackAfter()));
        amendments.noteCarriedFrom(intoKey, open.problemId(), actor.id());
      }
      carried.add(open.problemId() + " → " + intoKey);
    }
    store.closed(code, into == null ? null : into.code());
    store.log(code, actor.id(), actor.name(), "结束批次" + (carried.isEmpty() ? "，全部问题已办结"
        : "，" + carried.size() + " 个未完成问题转入“" + into.name() + "”：" + String.join("，", carried)));
    if (into != null && !carried.isEmpty()) {
      store.log(into.code(), actor.id(), actor.name(), "由“" + round.name() + "”转入 " + carried.size() + " 个未完成问题："
          + String.join("，", carried));
    }
    return carried.size();
  }

  /** Carried-over problems start a section of their own after the round's last one. */
  private int nextSection(Round into) {
    if (into == null) {
      return 0;
    }
    return store.problems(into.code()).stream()
        .map(problem -> problem.number().replaceFirst("\\..*", ""))
        .filter(section -> section.matches("\\d{1,6}"))
        .mapToInt(Integer::parseInt)
        .max().orElse(0) + 1;
  }
}
