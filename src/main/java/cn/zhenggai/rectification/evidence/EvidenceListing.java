package cn.zhenggai.rectification.evidence;

import cn.zhenggai.rectification.security.Viewer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** What the evidence panel of a task shows this person: the files, and what they may do with them. */
@Component
class EvidenceListing {

  private final EvidenceTasks tasks;
  private final EvidenceStore store;
  private final EvidenceProperties properties;
  private final DirectoryNames names;

  EvidenceListing(EvidenceTasks tasks, EvidenceStore store, EvidenceProperties properties, DirectoryNames names) {
    this.tasks = tasks;
    this.store = store;
    this.properties = properties;
    this.names = names;
  }

  /** Empty when the task is unknown, completed, or not this person's to see. */
  Optional<TaskEvidence> of(String taskId, Viewer viewer) {
    return tasks.seen(taskId, viewer).map(task -> {
      List<EvidenceFile> files = task.item() == null
          ? store.ofCase(task.caseKey()).stream().filter(file -> viewer.sees(file.unitId())).toList()
          : store.ofUnitItem(task.item().unitItem());
      List<TaskEvidence.Listed> listed = listed(files, viewer);
      long used = task.item() == null ? 0 : store.bytesOnItem(task.item().unitItem());
      return new TaskEvidence(taskId, task.item() == null ? null : task.item().unitItem(), task.caseKey(),
          task.stage().name(), tasks.mayUpload(task, viewer), properties.requiredAt(task.stage()),
          properties.maxFileSize().toBytes(), properties.maxPerItem().toBytes(), used, AllowedType.SUMMARY, listed);
    });
  }

  /** The files as listed, with who uploaded them and whether this person may remove them. */
  List<TaskEvidence.Listed> listed(List<EvidenceFile> files, Viewer viewer) {
    Map<String, String> uploaders = names.people(files.stream().map(EvidenceFile::uploadedBy).collect(Collectors.toSet()));
    Map<String, Boolean> removableByTask = new HashMap<>();
    return files.stream().map(file -> new TaskEvidence.Listed(file.id(), file.fileName(), file.size(),
        file.contentType(), file.stage().name(), file.stage().label(), file.unitId(), file.uploadedBy(),
        uploaders.get(file.uploadedBy()), file.uploadedAt(),
        removableByTask.computeIfAbsent(file.taskId(), id -> tasks.mayRemoveFilesOf(id, viewer)),
        "/evidence/files/" + file.id())).toList();
  }
}
