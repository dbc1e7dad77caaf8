package cn.zhenggai.rectification.evidence;

import cn.zhenggai.rectification.vocabulary.Stage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where evidence files are kept, with their description. {@link JdbcEvidenceStore} keeps both in the application's
 * database (every node sees the same files); another store (an object store for the content) can take its place.
 */
public interface EvidenceStore {

  /**
   * Stores the file at {@code content} with its description, all or nothing.
   *
   * @throws SameContentOnItem when a file of the same content is already on the item (also one stored meanwhile by
   *     another node)
   */
  EvidenceFile add(NewEvidence evidence, Path content);

  Optional<EvidenceFile> find(long id);

  /** Ordered by unit, stage (plan before report), upload time. */
  List<EvidenceFile> ofCase(String caseKey);

  /** Ordered by stage (plan before report), upload time. */
  List<EvidenceFile> ofUnitItem(String unitItem);

  /** Unit item → its files' names in upload order; items without files are left out. One query. */
  Map<String, List<String>> fileNamesByUnitItem(Collection<String> unitItems);

  long countOnItem(String unitItem, Stage stage);

  /** All files of the item together. */
  long bytesOnItem(String unitItem);

  Optional<EvidenceFile> sameContent(String unitItem, String sha256);

  /** Writes the content to {@code out} piece by piece. */
  void copyContent(long id, OutputStream out) throws IOException;

  void remove(long id);

  /** A file of the same content is on the item already. */
  class SameContentOnItem extends RuntimeException {
    public SameContentOnItem(String unitItem) {
      super("a file of the same content is already on " + unitItem);
    }
  }
}
