package cn.zhenggai.rectification.evidence;

import cn.zhenggai.rectification.security.Viewer;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.stereotype.Component;

/**
 * A case's evidence as one zip, the archive of the 台账: {@code <单位名>/<制定整改方案|落实整改>/<file name>}, written
 * file by file and piece by piece as it is read, never whole in memory.
 */
@Component
class EvidenceZip {

  private final EvidenceTasks tasks;
  private final EvidenceStore store;
  private final DirectoryNames names;

  EvidenceZip(EvidenceTasks tasks, EvidenceStore store, DirectoryNames names) {
    this.tasks = tasks;
    this.store = store;
    this.names = names;
  }

  /** The files of the case this person sees; empty when they see no such case. */
  Optional<List<EvidenceFile>> filesOf(String caseKey, Viewer viewer) {
    List<EvidenceFile> files = store.ofCase(caseKey).stream().filter(file -> viewer.sees(file.unitId())).toList();
    return files.isEmpty() && !tasks.caseSeen(caseKey, viewer) ? Optional.empty() : Optional.of(files);
  }

  void write(List<EvidenceFile> files, OutputStream out) throws IOException {
    Map<String, String> units = names.units(files.stream().map(EvidenceFile::unitId).collect(Collectors.toSet()));
    Set<String> taken = new HashSet<>();
    ZipOutputStream zip = new ZipOutputStream(out);
    // PDFs, photos and Office files are compressed already: copied as they are (the zip's CRC still checks them)
    zip.setLevel(Deflater.NO_COMPRESSION);
    for (EvidenceFile file : files) {
      String folder = units.get(file.unitId()).replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_") + "/" + file.stage().label() + "/";
      ZipEntry entry = new ZipEntry(unique(folder, file.fileName(), taken));
      entry.setTime(file.uploadedAt().toEpochMilli());
      zip.putNextEntry(entry);
      store.copyContent(file.id(), zip);
      zip.closeEntry();
    }
    zip.finish();
  }

  /** The same name twice in one folder: {@code 照片.jpg}, {@code 照片 (2).jpg}, … */
  static String unique(String folder, String name, Set<String> taken) {
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    String extension = dot > 0 ? name.substring(dot) : "";
    String candidate = folder + name;
    for (int n = 2; !taken.add(candidate); n++) {
      candidate = folder + stem + " (" + n + ")" + extension;
    }
    return candidate;
  }
}
