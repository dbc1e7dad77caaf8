package cn.zhenggai.rectification.rounds;

import cn.zhenggai.rectification.organization.OrganizationFile;
import cn.zhenggai.rectification.problem.ProblemList;
import cn.zhenggai.rectification.problem.ProblemList.ProblemError;
import cn.zhenggai.rectification.vocabulary.RefusedAtThisStage;
import cn.zhenggai.rectification.vocabulary.RefusedInput;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating rounds and editing a draft round's problem list. Every change is logged with who made it; a round that is
 * published is no longer edited here (its cases are amended one by one, see {@code casework.CaseAmendments}).
 */
@Service
public class Rounds {

  private final RoundStore store;
  private final RoundProperties properties;
  private final OrganizationFile organization;

  Rounds(RoundStore store, RoundProperties properties, OrganizationFile organization) {
    this.store = store;
    this.properties = properties;
    this.organization = organization;
  }

  public List<Round> all() {
    return store.all();
  }

  public Optional<Round> find(String code) {
    return store.find(code);
  }

  public List<DraftProblem> problems(String code) {
    return store.problems(code);
  }

  public List<RoundChange> changes(String code) {
    return store.changes(code);
  }

  public List<RoundProperties.Kind> kinds() {
    return properties.kinds();
  }

  /** What is wrong with the round's list as it stands; publishing refuses while this is not empty. */
  public List<ProblemError> check(String code) {
    return ProblemList.check(store.problems(code).stream().map(DraftProblem::toProblem).toList(), organization.read());
  }

  /** A new draft round with an empty list; returns its code. */
  @Transactional
  public String create(RoundForm form, Actor actor) {
    List<RoundForm.FieldError> problems = form.problems(properties);
    String code = form.code() == null || form.code().isBlank() ? freeCode(form) : form.code().strip();
    if (problems.isEmpty() && store.exists(code)) {
      problems = List.of(new RoundForm.FieldError("code", "批次代码 " + code + " 已被使用，请换一个"));
    }
    if (!problems.isEmpty()) {
      throw new RefusedRoundForm(problems);
    }
    store.insert(new Round(code, form.name().strip(), form.kind(), form.heldOn(), form.defaultDeadline(), null, null,
        RoundStatus.DRAFT, actor.id(), null, null, null, null, null, form.lookBackPeriod()));
    store.log(code, actor.id(), actor.name(), "创建批次“" + form.name().strip() + "”（" + form.kind() + "）");
    return code;
  }

  /** The header of a draft round corrected; the code stays, since nothing refers to it yet but it is in the page's address. */
  @Transactional
  public void updateHeader(String code, RoundForm form, Actor actor) {
    Round round = draft(code);
    List<RoundForm.FieldError> problems = form.problems(properties);
    if (!problems.isEmpty()) {
      throw new RefusedRoundForm(problems);
    }
    store.updateHeader(code, form.name().strip(), form.kind(), form.heldOn(), form.defaultDeadline(),
        form.lookBackPeriod());
    store.log(code, actor.id(), actor.name(), "修改批次信息：" + RoundDiff.header(round, form));
  }

  /**
   * The source text and the list drafted from it replace what the draft held (an import done again starts afresh);
   * the list may be empty when no structure was found, to be filled by hand.
   */
  @Transactional
  public void replaceFromSource(String code, String sourceName, String sourceText, List<DraftProblem> proposed, Actor actor) {
    draft(code);
    store.updateSource(code, sourceName, sourceText);
    store.replaceProblems(code, proposed);
    store.log(code, actor.id(), actor.name(),
        "导入" + sourceName + "：拟出 " + proposed.size() + " 个问题（" + sourceText.length() + " 字）");
  }

  /** The list as the supervisor edited it, saved whole even when some field is wrong; returns what is still wrong. */
  @Transactional
  public List<ProblemError> saveProblems(String code, List<DraftProblem> problems, Actor actor) {
    draft(code);
    List<DraftProblem> before = store.problems(code);
    store.replaceProblems(code, problems);
    String diff = RoundDiff.problems(before, problems);
    if (!diff.isEmpty()) {
      store.log(code, actor.id(), actor.name(), "编辑问题清单：" + diff);
    }
    return check(code);
  }

  /** The round, which must still be a draft. */
  private Round draft(String code) {
    Round round = store.find(code).orElseThrow(() -> new RefusedInput("没有代码为 " + code + " 的整改批次"));
    if (!round.isDraft()) {
      throw new RefusedAtThisStage("批次“" + round.name() + "”已" + round.status().label() + "，问题清单不能再编辑；"
          + "已发布的问题请在问题页面调整（增减责任单位、调整时限、撤销问题），并写明理由");
    }
    return round;
  }

  /** {@code 2023-SZPY}, or {@code 2023-SZPY-2} when that is taken. */
  private String freeCode(RoundForm form) {
    String base = (form.heldOn() == null ? "" : form.heldOn().getYear() + "-")
        + properties.kind(form.kind()).map(RoundProperties.Kind::code).orElse("ROUND");
    String code = base;
    for (int n = 2; store.exists(code); n++) {
      code = base + "-" + n;
    }
    return code;
  }
}
