package cn.zhenggai.rectification.supervision;

import cn.zhenggai.rectification.rounds.Actor;
import cn.zhenggai.rectification.rounds.DraftProblem;
import cn.zhenggai.rectification.rounds.RefusedRoundForm;
import cn.zhenggai.rectification.rounds.Round;
import cn.zhenggai.rectification.rounds.RoundClosing;
import cn.zhenggai.rectification.rounds.RoundForm;
import cn.zhenggai.rectification.rounds.RoundManagers;
import cn.zhenggai.rectification.rounds.RoundProperties;
import cn.zhenggai.rectification.rounds.RoundPublishing;
import cn.zhenggai.rectification.rounds.Rounds;
import cn.zhenggai.rectification.vocabulary.RefusedAction;
import cn.zhenggai.rectification.vocabulary.RefusedInput;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The rounds (整改批次): the list and a new round; a round's header, its draft problem list edited against its source,
 * publishing and closing. Everyone who reads the supervision pages reads these; only the organization department
 * ({@link RoundManagers}) changes anything. Every change is a POST answered by a redirect to the round's page.
 */
@Controller
@RequestMapping("/supervision/rounds")
class RoundPages {

  private final Rounds rounds;
  private final RoundPublishing publishing;
  private final RoundClosing closing;
  private final RoundManagers managers;
  private final RoundProperties properties;
  private final RoundView view;

  RoundPages(Rounds rounds, RoundPublishing publishing, RoundClosing closing, RoundManagers managers,
      RoundProperties properties, RoundView view) {
    this.rounds = rounds;
    this.publishing = publishing;
    this.closing = closing;
    this.managers = managers;
    this.properties = properties;
    this.view = view;
  }

  @GetMapping({"", "/"})
  String list(Authentication user, Model model) {
    model.addAttribute("rounds", rounds.all());
    model.addAttribute("counts", rounds.all().stream()
        .collect(Collectors.toMap(Round::code, round -> rounds.problems(round.code()).size())));
    model.addAttribute("kinds", rounds.kinds());
    model.addAttribute("manager", managers.includes(user.getName()));
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", new RoundHeaderForm());
    }
    if (!model.containsAttribute("errors")) {
      model.addAttribute("errors", Map.of());
    }
    return "supervision/rounds";
  }

  @PostMapping({"", "/"})
  String create(@ModelAttribute("form") RoundHeaderForm form, Authentication user, Model model,
      HttpServletResponse response) {
    Actor actor = managers.require(user.getName());
    try {
      String code = rounds.create(form.toRoundForm(), actor);
      return "redirect:/supervision/rounds/" + code;
    } catch (RefusedRoundForm refused) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("errors", fieldErrors(refused));
      return list(user, model);
    }
  }

  @GetMapping("/{code}")
  String round(@PathVariable String code, Authentication user, Model model) {
    view.fill(model, round(code), managers.includes(user.getName()));
    return "supervision/round";
  }

  @PostMapping("/{code}/header")
  String header(@PathVariable String code, @ModelAttribute("header") RoundHeaderForm form, Authentication user,
      Model model, HttpServletResponse response) {
    Actor actor = managers.require(user.getName());
    try {
      rounds.updateHeader(code, form.toRoundForm().withCode(code), actor);
      return "redirect:/supervision/rounds/" + code;
    } catch (RefusedRoundForm refused) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("headerErrors", fieldErrors(refused));
      return round(code, user, model);
    }
  }

  /** The whole list as typed, with the button pressed applied to it, saved (also when some field is still wrong). */
  @PostMapping("/{code}/problems")
  String problems(@PathVariable String code, @ModelAttribute RoundDraftForm form, Authentication user,
      RedirectAttributes redirect) {
    Actor actor = managers.require(user.getName());
    Round round = round(code);
    List<DraftProblem> typed = form.toProblems(round.sourceText());
    RoundDraftAction action = RoundDraftAction.parse(form.getAction());
    List<DraftProblem> edited;
    try {
      edited = action.apply(typed, form, round, properties.managers());
    } catch (RefusedInput refused) {
      edited = typed;
      redirect.addFlashAttribute("error", refused.getMessage() + "（其余修改已保存）");
    }
    int remaining = rounds.saveProblems(code, edited, actor).size();
    if (!redirect.getFlashAttributes().containsKey("error")) {
      redirect.addFlashAttribute("notice", remaining == 0 ? "已保存，问题清单可以发布。"
          : "已保存。还有 " + remaining + " 处需要修改，见各问题中标红的说明。");
    }
    int focus = action.focus(edited.size());
    return "redirect:/supervision/rounds/" + code + (focus >= 0 ? "#problem-" + focus : "#problems");
  }

  @GetMapping("/{code}/publish")
  String confirmPublishing(@PathVariable String code, Authentication user, Model model) {
    managers.require(user.getName());
    Round round = round(code);
    List<DraftProblem> problems = rounds.problems(code);
    model.addAttribute("round", round);
    model.addAttribute("problemCount", problems.size());
    model.addAttribute("unitCases", problems.stream().mapToInt(problem -> problem.units().size()).sum());
    model.addAttribute("faults", round.isDraft() ? view.faultList(round) : List.of());
    return "supervision/round-publish";
  }

  @PostMapping("/{code}/publish")
  String publish(@PathVariable String code, Authentication user, RedirectAttributes redirect) {
    Actor actor = managers.require(user.getName());
    round(code);
    try {
      int opened = publishing.publish(code, actor);
      redirect.addFlashAttribute("notice", "已发布：立案 " + opened + " 个问题");
    } catch (RefusedInput | RefusedAction refused) {
      redirect.addFlashAttribute("error", refused.getMessage());
    }
    return "redirect:/supervision/rounds/" + code;
  }

  @PostMapping("/{code}/close")
  String close(@PathVariable String code, @RequestParam(required = false) String into, Authentication user,
      RedirectAttributes redirect) {
    Actor actor = managers.require(user.getName());
    round(code);
    try {
      int carried = closing.close(code, into == null || into.isBlank() ? null : into, actor);
      redirect.addFlashAttribute("notice", carried == 0 ? "已结束：全部问题已办结"
          : "已结束：" + carried + " 个未完成问题转入“" + round(into).name() + "”");
    } catch (RefusedInput | RefusedAction refused) {
      redirect.addFlashAttribute("error", refused.getMessage());
    }
    return "redirect:/supervision/rounds/" + code;
  }

  Round round(String code) {
    return rounds.find(code).orElseThrow(() ->
        new ResponseStatusException(HttpStatus.NOT_FOUND, "没有代码为 " + code + " 的整改批次"));
  }

  private static Map<String, String> fieldErrors(RefusedRoundForm refused) {
    return refused.errors().stream()
        .collect(Collectors.toMap(RoundForm.FieldError::field, RoundForm.FieldError::message, (a, b) -> a + "；" + b));
  }
}
