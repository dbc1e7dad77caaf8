package cn.zhenggai.rectification.supervision;

import cn.zhenggai.rectification.casework.CaseRounds;
import java.nio.charset.StandardCharsets;
import org.springframework.web.util.UriUtils;

/**
 * The name of a ledger file, naming its round: {@code 整改台账-2023年巡察反馈.xlsx} (RFC 5987 {@code filename*}) with
 * {@code ledger-2023-XCFK.xlsx} for clients that take only an ASCII {@code filename}.
 */
record ExportName(String chinese, String ascii) {

  static ExportName of(CaseRounds.Scope scope, String extension) {
    String label;
    String asciiLabel;
    if (scope.shown().size() == 1) {
      label = scope.shown().get(0).name();
      asciiLabel = scope.shown().get(0).code();
    } else if (scope.codes() == null) {
      label = "全部批次";
      asciiLabel = "all-rounds";
    } else {
      label = String.join("_", scope.codes());
      asciiLabel = label;
    }
    return new ExportName(safe("整改台账-" + label) + "." + extension,
        "ledger-" + asciiLabel.replaceAll("[^A-Za-z0-9._-]", "_") + "." + extension);
  }

  String contentDisposition() {
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + UriUtils.encode(chinese, StandardCharsets.UTF_8);
  }

  /** Characters file systems refuse, and control characters, become "_". */
  private static String safe(String name) {
    return name.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
  }
}
