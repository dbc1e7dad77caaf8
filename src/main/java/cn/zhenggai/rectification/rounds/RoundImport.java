package cn.zhenggai.rectification.rounds;

import cn.zhenggai.rectification.organization.OrganizationFile;
import cn.zhenggai.rectification.speech.SpeechDraft;
import cn.zhenggai.rectification.speech.SpeechFile;
import cn.zhenggai.rectification.speech.SpeechImporter;
import cn.zhenggai.rectification.vocabulary.RefusedInput;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * A draft round's problem list proposed from its source: a pasted text or an uploaded {@code .txt} / {@code .docx}.
 * The proposal replaces the draft's list (the department edits it afterwards); each problem gets the round's default
 * deadline. Returns the importer's notices (no structure found, problems without a unit…) for the page to show.
 */
@Service
public class RoundImport {

  static final int MAX_TEXT = 200_000;

  private final Rounds rounds;
  private final RoundProperties properties;
  private final OrganizationFile organization;
  private final SpeechImporter importer = new SpeechImporter();

  RoundImport(Rounds rounds, RoundProperties properties, OrganizationFile organization) {
    this.rounds = rounds;
    this.properties = properties;
    this.organization = organization;
  }

  public List<String> importFile(String code, String fileName, byte[] bytes, Actor actor) {
    String text = SpeechFile.read(fileName, bytes, properties.maxUpload().toBytes());
    return propose(code, fileName, text, actor);
  }

  public List<String> importText(String code, String pasted, Actor actor) {
    String text = pasted == null ? "" : SpeechFile.clean(pasted);
    if (text.isBlank()) {
      throw new RefusedInput("粘贴的讲话或报告文字是空的");
    }
    if (text.length() > MAX_TEXT) {
      throw new RefusedInput("粘贴的文字超过 " + MAX_TEXT + " 个字，请分批导入或上传 .docx 文件");
    }
    return propose(code, "粘贴的文字", text, actor);
  }

  private List<String> propose(String code, String sourceName, String text, Actor actor) {
    Round round = rounds.find(code).orElseThrow(() -> new RefusedInput("没有代码为 " + code + " 的整改批次"));
    SpeechDraft draft = importer.draft(text, organization.read());
    List<DraftProblem> problems = draft.problems().stream()
        .map(found -> new DraftProblem(found.number(), found.category(), found.title(), found.source(),
            found.sourceStart(), found.sourceEnd(), found.measures(), found.units(), found.supervisors(),
            round.defaultDeadline(), null))
        .toList();
    rounds.replaceFromSource(code, sourceName, text, problems, actor);
    return draft.notices();
  }
}
