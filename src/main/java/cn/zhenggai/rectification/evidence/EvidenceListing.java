package cn.zhenggai.rectification.evidence;

import cn.zhenggai.rectification.security.Viewer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The evidence a person is shown (the panel of a task, the case page): the files, and what they may do with them. */
@Component
public class EvidenceListing {

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
          ? seenInCase(task.caseKey(), viewer)
          : store.ofUnitItem(task.item().unitItem());
      List<ListedFile> listed = listed(files, viewer);
      long used = task.item() == null ? 0 : store.bytesOnItem(task.item().unitItem());
      return new TaskEvidence(taskId, task.item() == null ? null : task.item().unitItem(), task.caseKey(),
          task.stage().name(), tasks.mayUpload(task, viewer), properties.requiredAt(task.stage()),
          properties.maxFileSize().toBytes(), properties.maxPerItem().toBytes(), used, AllowedType.SUMMARY, listed);
    });
  }

  /** A case's files as listed to this person (the case page): only the units they see; by unit, stage, upload time. */
  public List<ListedFile> inCase(String caseKey, Viewer viewer) {
    return listed(seenInCase(caseKey, viewer), viewer);
  }

  private List<EvidenceFile> seenInCase(String caseKey, Viewer viewer) {
    return store.ofCase(caseKey).stream().filter(file -> viewer.sees(file.unitId())).toList();
  }

  /** The files as listed, with who uploaded them and whether this person may remove them. */
  List<ListedFile> listed(List<EvidenceFile> files, Viewer viewer) {
    Map<String, String> uploaders = names.people(files.stream().map(EvidenceFile::uploadedBy).collect(Collectors.toSet()));
    Map<String, String> units = names.units(files.stream().map(EvidenceFile::unitId).collect(Collectors.toSet()));
    Map<String, Boolean> removableByTask = new HashMap<>();
    return files.stream().map(file -> new ListedFile(file.id(), file.unitId(), units.get(file.unitId()), file.fileName(), file.size(),
        file.contentType(), file.stage().name(), file.stage().label(), file.uploadedBy(), uploaders.get(file.uploadedBy()),
        file.uploadedAt(),
        removableByTask.computeIfAbsent(file.taskId(), id -> tasks.mayRemoveFilesOf(id, viewer)),
        "/evidence/files/" + file.id())).toList();
  }
}
