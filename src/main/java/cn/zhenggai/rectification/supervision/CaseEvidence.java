package cn.zhenggai.rectification.supervision;

import cn.zhenggai.rectification.evidence.EvidenceFile;
import cn.zhenggai.rectification.evidence.EvidenceFiles;
import cn.zhenggai.rectification.security.Viewer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/** The evidence files (佐证材料) of a case as its page lists them: the units the viewer sees, who uploaded each. */
@Component
class CaseEvidence {

  /** One file, with its uploader's name and the address that opens or downloads it. */
  record Listed(long id, String unitId, String name, long size, String stage, String stageName, String uploadedBy,
      String uploaderName, Instant uploadedAt, String url) {

    /** {@code 860 字节}, {@code 12.5 KB}, {@code 3.2 MB}. */
    public String sizeText() {
      if (size < 1024) {
        return size + " 字节";
      }
      boolean kilobytes = size < 1024 * 1024;
      BigDecimal amount = BigDecimal.valueOf(size).divide(BigDecimal.valueOf(kilobytes ? 1024 : 1024 * 1024), 1,
          RoundingMode.HALF_UP);
      return amount.stripTrailingZeros().toPlainString() + (kilobytes ? " KB" : " MB");
    }
  }

  private final EvidenceFiles files;
  private final IdentityService identity;

  CaseEvidence(EvidenceFiles files, IdentityService identity) {
    this.files = files;
    this.identity = identity;
  }

  /** Ordered by unit, stage (plan before report), upload time; only the units the viewer sees. */
  List<Listed> ofCase(String caseKey, Viewer viewer) {
    List<EvidenceFile> seen = files.ofCase(caseKey).stream().filter(file -> viewer.sees(file.unitId())).toList();
    Map<String, String> names = uploaders(seen);
    return seen.stream().map(file -> new Listed(file.id(), file.unitId(), file.fileName(), file.size(),
        file.stage().name(), file.stage().label(), file.uploadedBy(), names.getOrDefault(file.uploadedBy(), file.uploadedBy()),
        file.uploadedAt(), "/evidence/files/" + file.id())).toList();
  }

  /** User id → name, in one query (the directory's first name holds the whole name); the id where there is none. */
  private Map<String, String> uploaders(List<EvidenceFile> seen) {
    String[] ids = seen.stream().map(EvidenceFile::uploadedBy).distinct().toArray(String[]::new);
    return ids.length == 0 ? Map.of() : identity.createUserQuery().userIdIn(ids).list().stream()
        .collect(Collectors.toMap(User::getId, user -> user.getFirstName() == null ? user.getId() : user.getFirstName()));
  }
}
