package cn.zhenggai.rectification.load;

import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.PLAN_APPROVED;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.RECTIFICATION_ACCEPTED;

import cn.zhenggai.rectification.casework.CaseDriver;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * A clerk of a unit's secretary or of a supervising department, working as a person does: signs in once, opens the
 * office's task list, takes one of the newest few unclaimed tasks (so that clerks of one office sometimes collide on
 * the same task, as they would), claims it, fills in its form and completes it, and thinks 10 to 30 s (seeded, per
 * user) before each next step. Supervisors mostly approve and accept, and sometimes return with a reason. A lost race
 * (409, 404) sends the clerk back to the list.
 */
final class SimulatedUser {

  /** The person's account and the group whose tasks it works. */
  record Account(String user, String group) {}

  static final String PASSWORD = "demo";
  static final int PICK_AMONG = 5;
  static final int LIST_SIZE = 10;
  static final double PLAN_RETURN_RATE = 0.15;
  static final double RECTIFICATION_RETURN_RATE = 0.10;

  private final Crowd crowd;
  private final Account account;
  private final BrowserSession session;
  private final Random random;
  /** The task this clerk claimed and has not completed yet (its form failed): it stays in the clerk's hands. */
  private String held;

  SimulatedUser(Crowd crowd, Account account, int port, Random random) {
    this.crowd = crowd;
    this.account = account;
    this.session = new BrowserSession(crowd, port, account.user());
    this.random = random;
  }

  /**
   * The {@code i}-th user of the crowd, with an account of its own ({@code load-<i>}, made by {@link LoadAccounts}):
   * in every ten users six clerks of the units' secretaries (the five units in turn), three of the organization
   * department and one of the discipline commission. 1,000 users = 120 clerks per unit, 300 + 100 supervisors.
   */
  static Account accountOf(int i) {
    int slot = i % 10;
    String user = "load-" + i;
    if (slot < 6) {
      return new Account(user, LoadProblems.UNITS.get(((i / 10) * 6 + slot) % LoadProblems.UNITS.size()));
    }
    return new Account(user, slot < 9 ? "org-dept" : "discipline");
  }

  void signIn() {
    session.signIn().whenComplete((signedIn, failure) -> {
      if (failure != null || !signedIn) {
        crowd.failed(failure != null ? failure : new IllegalStateException(account.user() + " could not sign in"));
      } else {
        list();
      }
    });
  }

  private void list() {
    guarded(session.groupTasks(account.group(), LIST_SIZE).thenAccept(tasks -> {
      List<JsonNode> workable = tasks.stream()
          .filter(task -> task.path("assignee").isNull() || task.get("id").asText().equals(held))
          .toList();
      if (workable.isEmpty()) {
        crowd.afterThinking(random, this::list);
        return;
      }
      JsonNode task = workable.get(random.nextInt(Math.min(PICK_AMONG, workable.size())));
      crowd.afterThinking(random, task.get("id").asText().equals(held) ? () -> complete(task) : () -> claim(task));
    }));
  }

  private void claim(JsonNode task) {
    String id = task.get("id").asText();
    guarded(session.claim(id).thenAccept(answer -> {
      if (answer.ok()) {
        held = id;
        crowd.afterThinking(random, () -> complete(task));
      } else {
        crowd.afterThinking(random, this::list);
      }
    }));
  }

  private void complete(JsonNode task) {
    String id = task.get("id").asText();
    String step = task.get("taskDefinitionKey").asText();
    guarded(session.submitForm(id, formFor(step)).thenAccept(answer -> {
      if (answer.ok()) {
        crowd.log().completed(step);
      }
      if (answer.ok() || answer.status() == 404) {
        held = null;
      }
      crowd.afterThinking(random, this::list);
    }));
  }

  /** A surprise in handling an answer is kept for the report, and the clerk goes back to the list. */
  private void guarded(CompletableFuture<Void> step) {
    step.exceptionally(failure -> {
      crowd.failed(failure);
      crowd.afterThinking(random, this::list);
      return null;
    });
  }

  private Map<String, Object> formFor(String step) {
    return switch (step) {
      case UnitRectificationProcess.TASK_DRAFT_PLAN -> CaseDriver.plan(account.group());
      case UnitRectificationProcess.TASK_RECTIFY -> CaseDriver.report(account.group());
      case UnitRectificationProcess.TASK_REVIEW_PLAN -> random.nextDouble() < PLAN_RETURN_RATE
          ? CaseDriver.decision(PLAN_APPROVED, false, "整改措施不够具体，请细化到月并明确牵头人")
          : CaseDriver.decision(PLAN_APPROVED, true, null);
      case UnitRectificationProcess.TASK_ACCEPT_RECTIFICATION -> random.nextDouble() < RECTIFICATION_RETURN_RATE
          ? CaseDriver.decision(RECTIFICATION_ACCEPTED, false, "佐证材料不足，请补充学习记录")
          : CaseDriver.decision(RECTIFICATION_ACCEPTED, true, null);
      case RectificationCaseProcess.TASK_CONFIRM_CLOSURE -> Map.of("closureComment", "各责任单位整改均已验收，同意销号");
      default -> throw new IllegalStateException("no form for task " + step);
    };
  }
}
