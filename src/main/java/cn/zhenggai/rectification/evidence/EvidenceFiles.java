package cn.zhenggai.rectification.evidence;

import cn.zhenggai.rectification.vocabulary.Stage;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** What other features read of the evidence: the files of a case or item, their names for the ledger, the counts. */
@Service
public class EvidenceFiles {

  private final EvidenceStore store;
  private final EvidenceProperties properties;

  // No engine service here: the engine's own completion check (casework) asks this class while the engine is being built.
  EvidenceFiles(EvidenceStore store, EvidenceProperties properties) {
    this.store = store;
    this.properties = properties;
  }

  /** Ordered by unit, stage (plan before report), upload time. */
  public List<EvidenceFile> ofCase(String caseKey) {
    return store.ofCase(caseKey);
  }

  /** Ordered by stage (plan before report), upload time. */
  public List<EvidenceFile> ofUnitItem(String unitItem) {
    return store.ofUnitItem(unitItem);
  }

  /** Unit item → its files' names in upload order (items without files are left out), in one query. */
  public Map<String, List<String>> fileNamesByUnitItem(Collection<String> unitItems) {
    return store.fileNamesByUnitItem(unitItems);
  }

  public long countOnItem(String unitItem, Stage stage) {
    return store.countOnItem(unitItem, stage);
  }

  /** Whether completing the task of this stage needs a file of its own ({@code rectification.evidence.required}). */
  public boolean requiredAt(Stage stage) {
    return properties.requiredAt(stage);
  }
}
