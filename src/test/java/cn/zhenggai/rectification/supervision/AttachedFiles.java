package cn.zhenggai.rectification.supervision;

import cn.zhenggai.rectification.evidence.EvidenceFile;
import cn.zhenggai.rectification.evidence.EvidenceUploads;
import cn.zhenggai.rectification.security.Viewer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import org.camunda.bpm.engine.task.Task;

/** Evidence attached to a unit's open task through the evidence package, as its secretary attaches it in Tasklist. */
final class AttachedFiles {

  private AttachedFiles() {}

  static EvidenceFile attach(EvidenceUploads uploads, Task task, String unitId, String user, String name, byte[] content) {
    try {
      return uploads.upload(task.getId(), new Viewer(user, Set.of(unitId), false), name, content.length,
          new ByteArrayInputStream(content));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
