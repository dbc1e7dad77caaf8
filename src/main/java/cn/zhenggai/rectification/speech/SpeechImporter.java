package cn.zhenggai.rectification.speech;

import cn.zhenggai.rectification.organization.Organization;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Proposes a draft problem list from a closing speech, an inspection feedback (巡察反馈), an audit report (审计整改) or
 * a special review (专项督查): finds the part listing the shortcomings, one problem per sentence or numbered point,
 * each quoted verbatim with its position, and suggests measures from the requirements that follow, responsible units
 * and supervisors. Only a draft: a person checks it before anything is filed.
 */
public class SpeechImporter {

  static final String NO_STRUCTURE = "没有找到问题部分的结构（如“存在的问题”“差距和不足”之后的“一是……二是……”"
      + "“（一）……（二）……”或“1. ……2. ……”），未生成问题，请手工添加问题。";
  static final String NO_REQUIREMENTS = "问题部分之后没有找到工作要求（如“一要……二要……”），未建议整改措施，请手工填写。";

  /** The draft of {@code text}; positions and sources refer to {@code text} exactly as given. */
  public SpeechDraft draft(String text, Organization organization) {
    String speech = text == null ? "" : text;
    Optional<ShortcomingsPart> found = ShortcomingsPart.find(speech);
    if (found.isEmpty()) {
      return new SpeechDraft(List.of(), List.of(NO_STRUCTURE));
    }
    ShortcomingsPart part = found.get();
    Measures measures = Measures.after(speech, part.end());
    GroupSuggestions groups = new GroupSuggestions(organization, firstLine(speech));
    List<DraftProblem> problems = new ArrayList<>();
    List<String> notices = new ArrayList<>();
    for (int s = 0; s < part.sections().size(); s++) {
      SectionReader.SectionProblems section = SectionReader.read(speech, part.sections().get(s), part.markers(), part.style());
      for (int p = 0; p < section.problems().size(); p++) {
        Span span = section.problems().get(p);
        String number = (s + 1) + "." + (p + 1);
        String source = span.of(speech);
        String category = section.category();
        List<String> units = groups.units(source, category);
        List<String> suggested = measures.forProblem(source);
        if (suggested.isEmpty()) {
          suggested = measures.forProblem(category + "\n" + source);
        }
        problems.add(new DraftProblem(number, category, Titles.of(source), source, span.start(), span.end(), suggested,
            units, units.isEmpty(), groups.supervisors(source, category)));
        if (units.isEmpty()) {
          notices.add("问题 " + number + " 没有匹配到责任单位，请指定。");
        }
        if (suggested.isEmpty() && !measures.isEmpty()) {
          notices.add("问题 " + number + " 没有找到相应的工作要求，请手工填写整改措施。");
        }
      }
    }
    if (problems.isEmpty()) {
      return new SpeechDraft(List.of(), List.of(NO_STRUCTURE));
    }
    if (measures.isEmpty()) {
      notices.add(0, NO_REQUIREMENTS);
    }
    return new SpeechDraft(problems, notices);
  }

  private static String firstLine(String text) {
    return text.strip().lines().findFirst().orElse("");
  }
}
