package cn.zhenggai.rectification.extension;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A task's requests for more time as the Tasklist panel shows them.
 *
 * @param stage DRAFT_PLAN or RECTIFY; null for a step that takes no request
 * @param why why this person may not ask now (null when they may)
 * @param originalDeadline the step's deadline before any extension
 * @param latest the latest date a request may ask for now
 * @param pending the request waiting for a decision, or null
 * @param history the item's requests, oldest first
 */
public record ExtensionView(String taskId, String stage, String stageLabel, boolean canRequest, String why,
    LocalDate currentDue, LocalDate originalDeadline, LocalDate latest, long requestsUsed, int maxRequests,
    Entry pending, List<Entry> history) {

  /**
   * One request: what was asked, and what became of it.
   *
   * @param requestedBy the user id of who asked; {@code requestedByName} names them as the pages do
   * @param decidedBy the user id of who decided (null while waiting, or lapsed); {@code decidedByName} their name
   */
  public record Entry(String stage, String stageLabel, LocalDate requestedUntil, String reason, String requestedBy,
      String requestedByName, Instant requestedAt, String status, String statusLabel, String decidedBy,
      String decidedByName, Instant decidedAt, LocalDate grantedUntil, String decisionReason) {

    static Entry of(ExtensionRequest request, UnaryOperator<String> names) {
      return new Entry(request.stage().name(), request.stage().label(), request.requestedUntil(), request.reason(),
          request.requestedBy(), names.apply(request.requestedBy()), request.requestedAt(), request.status().name(),
          request.status().label(), request.decidedBy(), names.apply(request.decidedBy()), request.decidedAt(),
          request.grantedUntil(), request.decisionReason());
    }
  }

  /** @param names a user id to the person's name */
  static ExtensionView of(ExtensionTask task, LocalDate currentDue, LocalDate original, LocalDate latest,
      List<ExtensionRequest> requests, int maxRequests, String why, UnaryOperator<String> names) {
    List<Entry> history = requests.stream().map(r -> Entry.of(r, names)).toList();
    Entry pending = history.stream().filter(e -> ExtensionStatus.PENDING.name().equals(e.status())).findFirst()
        .orElse(null);
    return new ExtensionView(task.taskId(), task.stage() == null ? null : task.stage().name(),
        task.stage() == null ? task.step() : task.stage().label(), why == null, why, currentDue, original, latest,
        ExtensionRequests.used(requests), maxRequests, pending, history);
  }
}
