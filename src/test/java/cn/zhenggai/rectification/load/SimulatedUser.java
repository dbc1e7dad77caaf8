package cn.zhenggai.rectification.load;

import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.PLAN_APPROVED;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.RECTIFICATION_ACCEPTED;

import cn.zhenggai.rectification.casework.CaseDriver;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * A clerk of a unit's secretary or of a supervising department, working through the REST API without pause until
 * the end of the run: list the office's open tasks, take one of the newest few (so that clerks of one office collide
 * on the same task, as they would), claim it unless the office holds it already, and complete it with what its form
 * asks. Supervisors mostly approve and accept, and sometimes return with a reason.
 */
final class SimulatedUser implements Callable<RequestLog> {

  /** A demo account and the group whose tasks it works; several simulated users share one account. */
  record Account(String user, String group, boolean supervisor) {}

  static final String PASSWORD = "demo";
  static final int PICK_AMONG = 5;
  static final int LIST_SIZE = 10;
  static final double PLAN_RETURN_RATE = 0.15;
  static final double RECTIFICATION_RETURN_RATE = 0.10;

  private final Account account;
  private final EngineRest rest;
  private final RequestLog log = new RequestLog();
  private final Random random;
  private final long endNanos;

  SimulatedUser(Account account, HttpClient http, int port, long seed, long endNanos) {
    this.account = account;
    this.rest = new EngineRest(http, port, account.user(), PASSWORD, log);
    this.random = new Random(seed);
    this.endNanos = endNanos;
  }

  /**
   * The crowd: in every ten users six secretaries' clerks (the five units in turn), three of the organization
   * department and one of the discipline commission. 200 users = 24 clerks per unit, 60 + 20 supervisors.
   */
  static List<Account> crowd(int users) {
    List<Account> crowd = new ArrayList<>();
    for (int i = 0; i < users; i++) {
      int slot = i % 10;
      if (slot < 6) {
        String unit = LoadProblems.UNITS.get(((i / 10) * 6 + slot) % LoadProblems.UNITS.size());
        crowd.add(new Account(secretaryOf(unit), unit, false));
      } else if (slot < 9) {
        crowd.add(new Account("sup-orgdept", "org-dept", true));
      } else {
        crowd.add(new Account("sup-discipline", "discipline", true));
      }
    }
    return crowd;
  }

  @Override
  public RequestLog call() {
    while (System.nanoTime() < endNanos) {
      workOneTask();
    }
    return log;
  }

  private void workOneTask() {
    List<JsonNode> workable = rest.groupTasks(account.group(), LIST_SIZE).stream()
        .filter(task -> task.path("assignee").isNull() || account.user().equals(task.path("assignee").asText()))
        .toList();
    if (workable.isEmpty()) {
      return;
    }
    JsonNode task = workable.get(random.nextInt(Math.min(PICK_AMONG, workable.size())));
    String id = task.get("id").asText();
    String step = task.get("taskDefinitionKey").asText();
    if (task.path("assignee").isNull() && !rest.claim(id)) {
      return;
    }
    if (rest.complete(id, formFor(step))) {
      log.completed(step);
    }
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

  private static String secretaryOf(String unit) {
    return "sec-" + (unit.startsWith("street-") ? unit.substring("street-".length()) : unit);
  }
}
