package cn.zhenggai.rectification.rounds;

import cn.zhenggai.rectification.casework.CaseAmendments;
import cn.zhenggai.rectification.casework.CaseOpening;
import cn.zhenggai.rectification.casework.CaseStarter;
import cn.zhenggai.rectification.problem.Problem;
import cn.zhenggai.rectification.problem.ProblemList;
import cn.zhenggai.rectification.problem.ProblemList.ProblemError;
import cn.zhenggai.rectification.problem.RoundHeader;
import cn.zhenggai.rectification.vocabulary.RefusedAtThisStage;
import cn.zhenggai.rectification.vocabulary.RefusedInput;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publishing a round opens the case of every problem on its list, all in one transaction: all of them or none, and
 * once. Two supervisors pressing "publish" together, on one node or two, take turns on the round's row; the second
 * finds it published.
 */
@Service
public class RoundPublishing {

  private static final Logger LOG = LoggerFactory.getLogger(RoundPublishing.class);

  private final RoundStore store;
  private final Rounds rounds;
  private final CaseStarter cases;
  private final CaseAmendments amendments;

  RoundPublishing(RoundStore store, Rounds rounds, CaseStarter cases, CaseAmendments amendments) {
    this.store = store;
    this.rounds = rounds;
    this.cases = cases;
    this.amendments = amendments;
  }

  /** Returns the number of cases opened. */
  @Transactional
  public int publish(String code, Actor actor) {
    Round round = store.lock(code).orElseThrow(() -> new RefusedInput("没有代码为 " + code + " 的整改批次"));
    if (!round.isDraft()) {
      throw new RefusedAtThisStage("批次“" + round.name() + "”已于 " + round.publishedAt() + " 发布，不能再次发布");
    }
    List<DraftProblem> problems = store.problems(code);
    if (problems.isEmpty()) {
      throw new RefusedInput("批次“" + round.name() + "”的问题清单是空的，请先导入讲话或手工添加问题");
    }
    List<ProblemError> errors = rounds.check(code);
    if (!errors.isEmpty()) {
      List<Problem> list = problems.stream().map(DraftProblem::toProblem).toList();
      throw new RefusedInput("问题清单还有 " + errors.size() + " 处需要修改，未发布：" + errors.stream()
          .map(error -> ProblemList.label(list, error.index()) + " " + error.message()).collect(Collectors.joining("；")));
    }
    int opened = open(round, problems, actor);
    store.published(code, actor.id());
    int units = problems.stream().mapToInt(problem -> problem.units().size()).sum();
    store.log(code, actor.id(), actor.name(), "发布批次：立案 " + opened + " 个问题，" + units + " 个单位整改");
    LOG.info("整改批次 {}（{}）已由 {} 发布，立案 {} 个问题", code, round.name(), actor.id(), opened);
    return opened;
  }

  /**
   * The seed file's round, loaded through the same path: created and published the first time; later, problems added
   * to the file are added to the round and opened, and nothing else changes.
   */
  @Transactional
  public int loadSeed(ProblemList seed, LocalDate defaultDeadline) {
    RoundHeader header = seed.round();
    if (!store.exists(header.code())) {
      rounds.create(new RoundForm(header.code(), header.name(), header.kind(), header.date(), defaultDeadline),
          Actor.SEED_LOADER);
      rounds.saveProblems(header.code(), seed.problems().stream().map(DraftProblem::of).toList(), Actor.SEED_LOADER);
      return publish(header.code(), Actor.SEED_LOADER);
    }
    Round round = store.lock(header.code()).orElseThrow();
    List<String> listed = store.problems(round.code()).stream().map(DraftProblem::number).toList();
    seed.problems().stream().filter(problem -> !listed.contains(problem.id()))
        .forEach(problem -> store.appendProblem(round.code(), DraftProblem.of(problem)));
    return round.isDraft() ? 0 : open(round, store.problems(round.code()), Actor.SEED_LOADER);
  }

  /** Opens the cases not open yet; one carried over from an earlier round notes on its timeline where it came from. */
  private int open(Round round, List<DraftProblem> problems, Actor actor) {
    int opened = 0;
    for (DraftProblem problem : problems) {
      CaseOpening opening = new CaseOpening(round.code(), round.name(), problem.toProblem(), problem.carriedFrom(),
          round.lookBackAfter());
      if (cases.startIfNew(opening)) {
        opened++;
        if (problem.carriedFrom() != null) {
          amendments.noteCarriedFrom(opening.key(), problem.carriedFrom(), actor.id());
        }
      }
    }
    return opened;
  }
}
