package cn.zhenggai.rectification.evidence;

import cn.zhenggai.rectification.audit.AuditAction;
import cn.zhenggai.rectification.audit.AuditTrail;
import cn.zhenggai.rectification.security.Viewer;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Evidence in the browser (session sign-in): the panel of a task in Tasklist lists, uploads and removes files; the case
 * page opens them and downloads a case's evidence as one zip. Every answer is for the signed-in person only. Uploads,
 * removals and downloads are recorded in the audit trail.
 */
@RestController
class EvidenceController {

  /** Served files are data, never a page: no script, no plugin, no form, nothing loaded from anywhere. */
  static final String FILE_POLICY = "default-src 'none'; sandbox";
  /**
   * Chromium blocks its PDF viewer in a sandboxed document, and shows a PDF through an embedded viewer (object-src);
   * a PDF (checked to be one, and served as one) runs no script in the page's origin.
   */
  static final String PDF_POLICY = "default-src 'none'; object-src 'self'";
  private static final Set<String> SHOWN_INLINE = Set.of("application/pdf", "image/jpeg", "image/png");

  private final EvidenceListing listing;
  private final EvidenceUploads uploads;
  private final EvidenceStore store;
  private final EvidenceZip zips;
  private final AuditTrail trail;

  EvidenceController(EvidenceListing listing, EvidenceUploads uploads, EvidenceStore store, EvidenceZip zips,
      AuditTrail trail) {
    this.listing = listing;
    this.trail = trail;
    this.uploads = uploads;
    this.store = store;
    this.zips = zips;
  }

  @GetMapping("/evidence/tasks/{taskId}")
  TaskEvidence ofTask(@PathVariable String taskId, Authentication user) {
    return listing.of(taskId, Viewer.of(user))
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, EvidenceTasks.NO_SUCH_TASK));
  }

  /** The body is the file itself, streamed to a temporary file as it arrives (the browser shows the progress). */
  @PostMapping("/evidence/tasks/{taskId}/files")
  ResponseEntity<ListedFile> upload(@PathVariable String taskId, @RequestParam String name,
      Authentication user, HttpServletRequest request) throws IOException {
    if (request.getContentType() == null
        || !MediaType.APPLICATION_OCTET_STREAM.isCompatibleWith(MediaType.parseMediaType(request.getContentType()))) {
      throw new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "请以 application/octet-stream 发送文件“" + FileName.shown(name) + "”的内容本身");
    }
    Viewer uploader = Viewer.of(user);
    EvidenceFile stored = uploads.upload(taskId, uploader, name, request.getContentLengthLong(), request.getInputStream());
    record(AuditAction.EVIDENCE_UPLOADED, stored);
    return ResponseEntity.created(URI.create("/evidence/files/" + stored.id()))
        .body(listing.listed(List.of(stored), uploader).get(0));
  }

  @DeleteMapping("/evidence/files/{id}")
  ResponseEntity<Void> remove(@PathVariable long id, Authentication user) {
    var file = store.find(id);
    uploads.remove(id, Viewer.of(user));
    file.ifPresent(removed -> record(AuditAction.EVIDENCE_REMOVED, removed));
    return ResponseEntity.noContent().build();
  }

  /** Images and PDFs open in the browser, everything else downloads; the name stays as it was (RFC 5987). */
  @GetMapping("/evidence/files/{id}")
  void download(@PathVariable long id, Authentication user, HttpServletResponse response) throws IOException {
    Viewer viewer = Viewer.of(user);
    EvidenceFile file = store.find(id).filter(found -> viewer.sees(found.unitId()))
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "找不到该佐证材料（或无权查看）"));
    boolean inline = SHOWN_INLINE.contains(file.contentType());
    response.setContentType(file.contentType());
    response.setContentLengthLong(file.size());
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
        inline ? DownloadName.inline(file.fileName()) : DownloadName.attachment(file.fileName()));
    served(response, file.contentType().equals("application/pdf") ? PDF_POLICY : FILE_POLICY);
    record(AuditAction.EVIDENCE_DOWNLOADED, file);
    store.copyContent(id, response.getOutputStream());
  }

  /** Written as it is read, file after file: the first bytes go out at once, whatever the case's evidence weighs. */
  @GetMapping("/evidence/cases/{round}/{number}.zip")
  void zip(@PathVariable String round, @PathVariable String number, Authentication user, HttpServletResponse response)
      throws IOException {
    String caseKey = RectificationCaseProcess.caseKey(round, number);
    List<EvidenceFile> files = zips.filesOf(caseKey, Viewer.of(user))
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "没有编号为 " + caseKey + " 的问题（或无权查看）"));
    response.setContentType("application/zip");
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, DownloadName.attachment("佐证材料-" + round + "-" + number + ".zip"));
    served(response, FILE_POLICY);
    trail.record(AuditTrail.Entry.onCase(AuditAction.EVIDENCE_ZIP_DOWNLOADED, caseKey, null,
        "佐证材料-" + round + "-" + number + ".zip", files.size() + " 个文件"));
    zips.write(files, response.getOutputStream());
  }

  private void record(AuditAction action, EvidenceFile file) {
    trail.record(AuditTrail.Entry.onCase(action, file.caseKey(), file.unitId(), file.fileName(),
        file.stage().label() + "，" + file.size() + " 字节，SHA-256 " + file.sha256()));
  }

  private static void served(HttpServletResponse response, String policy) {
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Content-Security-Policy", policy);
    response.setHeader(HttpHeaders.CACHE_CONTROL, "private");
  }
}
