package cn.zhenggai.rectification.supervision;

import cn.zhenggai.rectification.rounds.Actor;
import cn.zhenggai.rectification.rounds.RoundImport;
import cn.zhenggai.rectification.rounds.RoundManagers;
import cn.zhenggai.rectification.rounds.Rounds;
import cn.zhenggai.rectification.vocabulary.RefusedInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
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
 * The import form of a draft round: a speech or report pasted or uploaded (.txt, .docx) goes to {@link RoundImport},
 * whose proposed list replaces the draft's; the page then shows the text with each problem's sentence marked and the importer's
 * notices. A file that cannot be read (too large, not what its name says, old .doc) is refused with a message naming
 * it, and the draft stays as it was.
 */
@Controller
@RequestMapping("/supervision/rounds")
class RoundImportPage {

  static final int MAX_NAME = 200;
  static final String PASTED = "粘贴的文字";

  private final Rounds rounds;
  private final RoundImport imports;
  private final RoundManagers managers;

  RoundImportPage(Rounds rounds, RoundImport imports, RoundManagers managers) {
    this.rounds = rounds;
    this.imports = imports;
    this.managers = managers;
  }

  @PostMapping("/{code}/import")
  String importSource(@PathVariable String code, @RequestParam(required = false) String text,
      @RequestParam(required = false) MultipartFile file, Authentication user, RedirectAttributes redirect) {
    Actor actor = managers.require(user.getName());
    rounds.find(code).orElseThrow(() ->
        new ResponseStatusException(HttpStatus.NOT_FOUND, "没有代码为 " + code + " 的整改批次"));
    try {
      boolean uploaded = file != null && file.getOriginalFilename() != null && !file.getOriginalFilename().isBlank();
      String name = uploaded ? shortened(file.getOriginalFilename()) : PASTED;
      if (!uploaded && (text == null || text.isBlank())) {
        throw new RefusedInput("请粘贴讲话或报告的全文，或选择要上传的 .txt、.docx 文件");
      }
      List<String> notices = new ArrayList<>(uploaded ? imports.importFile(code, name, bytes(file), actor)
          : imports.importText(code, text, actor));
      int proposed = rounds.problems(code).size();
      if (proposed > 0) {
        notices.add("拟出的 " + proposed + " 个问题的整改时限均为批次的默认整改时限，责任单位和督办单位是按原文建议的，请逐项核对后再发布。");
      }
      redirect.addFlashAttribute("notice", "已导入" + name + "：拟出 " + proposed + " 个问题。");
      redirect.addFlashAttribute("importNotices", notices);
    } catch (RefusedInput refused) {
      redirect.addFlashAttribute("error", refused.getMessage() + "（问题清单没有改变）");
    }
    return "redirect:/supervision/rounds/" + code + "#problems";
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
