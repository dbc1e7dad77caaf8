package cn.zhenggai.rectification.supervision;

import cn.zhenggai.rectification.organization.OrganizationFile;
import cn.zhenggai.rectification.rounds.Round;
import cn.zhenggai.rectification.rounds.RoundManagers;
import cn.zhenggai.rectification.rounds.RoundProperties;
import cn.zhenggai.rectification.rounds.Rounds;
import cn.zhenggai.rectification.speech.SpeechFile;
import cn.zhenggai.rectification.speech.SpeechImporter;
import cn.zhenggai.rectification.vocabulary.RefusedInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A speech or report imported into a draft round, pasted or uploaded (.txt, .docx): the importer proposes the list,
 * which replaces the draft's; the page then shows the text with each problem's sentence marked and the importer's
 * notices. A file that cannot be read (too large, not what its name says, old .doc) is refused with a message naming
 * it, and the draft stays as it was.
 */
@Controller
@RequestMapping("/supervision/rounds")
class RoundImport {

  static final int MAX_NAME = 200;
  static final String PASTED = "粘贴的文字";

  private final Rounds rounds;
  private final RoundManagers managers;
  private final RoundProperties properties;
  private final OrganizationFile organization;
  private final SignedIn signedIn;
  private final SpeechImporter importer = new SpeechImporter();

  RoundImport(Rounds rounds, RoundManagers managers, RoundProperties properties, OrganizationFile organization,
      SignedIn signedIn) {
    this.rounds = rounds;
    this.managers = managers;
    this.properties = properties;
    this.organization = organization;
    this.signedIn = signedIn;
  }

  @PostMapping("/{code}/import")
  String importSource(@PathVariable String code, @RequestParam(required = false) String text,
      @RequestParam(required = false) MultipartFile file, Authentication user, RedirectAttributes redirect) {
    managers.require(user.getName());
    Round round = rounds.find(code).orElseThrow(() ->
        new ResponseStatusException(HttpStatus.NOT_FOUND, "没有代码为 " + code + " 的整改批次"));
    try {
      boolean uploaded = file != null && file.getOriginalFilename() != null && !file.getOriginalFilename().isBlank();
      String name = uploaded ? shortened(file.getOriginalFilename()) : PASTED;
      String source = uploaded ? SpeechFile.read(name, bytes(file), properties.maxUpload().toBytes()) : pasted(text);
      ImportedDraft draft = ImportedDraft.of(importer.draft(source, organization.read()), round.defaultDeadline(),
          properties.managers());
      rounds.replaceFromSource(code, name, source, draft.problems(), signedIn.actor(user));
      redirect.addFlashAttribute("notice", "已导入" + name + "：拟出 " + draft.problems().size() + " 个问题。");
      redirect.addFlashAttribute("importNotices", draft.notices());
    } catch (RefusedInput refused) {
      redirect.addFlashAttribute("error", refused.getMessage() + "（问题清单没有改变）");
    }
    return "redirect:/supervision/rounds/" + code + "#problems";
  }

  private String pasted(String text) {
    if (text == null || text.isBlank()) {
      throw new RefusedInput("请粘贴讲话或报告的全文，或选择要上传的 .txt、.docx 文件");
    }
    return SpeechFile.clean(text);
  }

  private static byte[] bytes(MultipartFile file) {
    try {
      return file.getBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file's own name, without a path some browsers send, short enough for the round's record. */
  private static String shortened(String name) {
    String own = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
    return own.length() > MAX_NAME ? own.substring(own.length() - MAX_NAME) : own;
  }
}
