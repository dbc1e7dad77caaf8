package cn.zhenggai.rectification.evidence;

import cn.zhenggai.rectification.security.Viewer;
import cn.zhenggai.rectification.vocabulary.RefusedAction;
import cn.zhenggai.rectification.vocabulary.RefusedAtThisStage;
import cn.zhenggai.rectification.vocabulary.RefusedInput;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * Adding and removing evidence, with every rule of the issue: who may, at which stage, which names and types, how
 * large, and each content once per item. A refused file leaves nothing behind.
 */
@Service
public class EvidenceUploads {

  private static final Logger LOG = LoggerFactory.getLogger(EvidenceUploads.class);

  private final EvidenceTasks tasks;
  private final EvidenceStore store;
  private final ContentCheck contents;
  private final EvidenceProperties properties;

  EvidenceUploads(EvidenceTasks tasks, EvidenceStore store, ContentCheck contents, EvidenceProperties properties) {
    this.tasks = tasks;
    this.store = store;
    this.contents = contents;
    this.properties = properties;
  }

  /**
   * Stores the file {@code name} sent as {@code body} with the task.
   *
   * @param declaredBytes the length the sender announced, -1 when unknown (a body sent in chunks)
   */
  public EvidenceFile upload(String taskId, Viewer uploader, String name, long declaredBytes, InputStream body)
      throws IOException {
    TaskAtHand task = tasks.forUpload(taskId, uploader);
    String fileName = FileName.checked(name);
    long maxBytes = properties.maxFileSize().toBytes();
    if (declaredBytes > maxBytes) {
      throw ReceivedFile.tooLarge(fileName, maxBytes);
    }
    try (ReceivedFile received = ReceivedFile.receive(body, maxBytes, fileName)) {
      if (received.size() == 0) {
        throw new RefusedInput("文件“" + FileName.shown(fileName) + "”是空的（0 字节）");
      }
      AllowedType type = contents.check(fileName, received.path());
      String item = task.item().unitItem();
      store.sameContent(item, received.sha256()).ifPresent(earlier -> {
        throw sameAs(fileName, earlier);
      });
      long used = store.bytesOnItem(item);
      long maxPerItem = properties.maxPerItem().toBytes();
      if (used + received.size() > maxPerItem) {
        throw new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE, "加上文件“" + FileName.shown(fileName)
            + "”，本单位这一事项的佐证材料将超过合计 " + FileSize.megabytes(maxPerItem) + " 的上限（已有 " + FileSize.megabytes(used) + "）");
      }
      NewEvidence evidence = new NewEvidence(task.item(), taskId, task.stage(), fileName, type.contentType(),
          received.size(), received.sha256(), uploader.userId());
      EvidenceFile stored;
      try {
        stored = store.add(evidence, received.path());
      } catch (EvidenceStore.SameContentOnItem raced) {
        throw store.sameContent(item, received.sha256()).map(earlier -> sameAs(fileName, earlier))
            .orElseGet(() -> new ResponseStatusException(HttpStatus.CONFLICT, "文件“" + FileName.shown(fileName) + "”刚被同时上传过一次"));
      }
      LOG.info("佐证材料已上传：{} {}（{}，{} 字节）by {}", item, stored.fileName(), task.stage().label(), stored.size(),
          uploader.userId());
      return stored;
    }
  }

  /** Removes a file: only while the task it came with is open, by someone who may complete that task. */
  public void remove(long fileId, Viewer remover) {
    EvidenceFile file = store.find(fileId).filter(found -> remover.sees(found.unitId()))
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "找不到该佐证材料（或无权查看）"));
    if (!tasks.isOpen(file.taskId())) {
      throw new RefusedAtThisStage("“" + file.fileName() + "”已随" + file.stage().label() + "提交，不能再删除");
    }
    if (!tasks.mayRemoveFilesOf(file.taskId(), remover)) {
      throw new RefusedAction("只有上传单位办理这项任务的人员可以删除“" + file.fileName() + "”");
    }
    store.remove(fileId);
    LOG.info("佐证材料已删除：{} {} by {}", file.unitItem(), file.fileName(), remover.userId());
  }

  private static ResponseStatusException sameAs(String fileName, EvidenceFile earlier) {
    return new ResponseStatusException(HttpStatus.CONFLICT, "文件“" + FileName.shown(fileName) + "”与已上传的“"
        + earlier.fileName() + "”内容相同，不重复保存");
  }
}
