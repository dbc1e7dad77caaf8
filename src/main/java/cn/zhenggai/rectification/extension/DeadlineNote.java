package cn.zhenggai.rectification.extension;

import cn.zhenggai.rectification.vocabulary.Stage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The read-only note on the unit's forms ({@code deadlineNote}): the original deadline of the step, what was granted,
 * and a request waiting or refused. Lapsed requests are left out.
 */
final class DeadlineNote {

  private DeadlineNote() {}

  /**
   * @param requests the step's requests, oldest first
   * @param original the step's deadline before any extension
   */
  static String of(Stage stage, List<ExtensionRequest> requests, LocalDate original) {
    List<ExtensionRequest> counted = requests.stream().filter(r -> r.status() != ExtensionStatus.LAPSED).toList();
    if (counted.isEmpty()) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    List<ExtensionRequest> granted = counted.stream().filter(r -> r.status() == ExtensionStatus.APPROVED).toList();
    String step = stage == Stage.RECTIFY ? "整改时限" : "“" + stage.label() + "”的截止日期";
    if (!granted.isEmpty()) {
      parts.add("原定" + step + " " + original + "，经批准延期至 " + granted.get(granted.size() - 1).grantedUntil()
          + "（已延期 " + granted.size() + " 次）");
    }
    ExtensionRequest last = counted.get(counted.size() - 1);
    if (last.status() == ExtensionStatus.PENDING) {
      parts.add("已申请延期至 " + last.requestedUntil() + "，等待督办单位审批；审批前仍以现截止日期为准");
    } else if (last.status() == ExtensionStatus.REFUSED) {
      parts.add("延期至 " + last.requestedUntil() + " 的申请未获批准（" + last.decisionReason() + "）");
    }
    return String.join("；", parts);
  }
}
