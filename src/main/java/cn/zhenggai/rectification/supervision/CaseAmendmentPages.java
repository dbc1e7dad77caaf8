package cn.zhenggai.rectification.supervision;

import cn.zhenggai.rectification.casework.CaseAmendments;
import cn.zhenggai.rectification.rounds.RoundManagers;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.RefusedAction;
import cn.zhenggai.rectification.vocabulary.RefusedInput;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The amendment forms of the case page (organization department only): each posts here and comes back to the case
 * page with a notice of what was done, or the refusal's message, above the forms.
 */
@Controller
@RequestMapping("/supervision/cases/{round}/{number}/amendments")
class CaseAmendmentPages {

  static final String CONCURRENT = "该问题刚被其他人办理，调整未保存，请刷新后重试";

  private final CaseAmendments amendments;
  private final RoundManagers managers;

  CaseAmendmentPages(CaseAmendments amendments, RoundManagers managers) {
    this.amendments = amendments;
    this.managers = managers;
  }

  @PostMapping("/units")
  String addUnit(@PathVariable String round, @PathVariable String number, @RequestParam(required = false) String unitId,
      @RequestParam(required = false) String reason, Authentication user, RedirectAttributes redirect) {
    return amend(round, number, user, redirect, "已增加责任单位，该单位的整改已开始", key -> amendments.addUnit(key, unitId, reason, user.getName()));
  }

  @PostMapping("/units/{unitId}/withdrawal")
  String removeUnit(@PathVariable String round, @PathVariable String number, @PathVariable String unitId,
      @RequestParam(required = false) String reason, Authentication user, RedirectAttributes redirect) {
    return amend(round, number, user, redirect, "已撤销该责任单位", key -> amendments.removeUnit(key, unitId, reason, user.getName()));
  }

  @PostMapping("/deadline")
  String changeDeadline(@PathVariable String round, @PathVariable String number,
      @RequestParam(required = false) String deadline, @RequestParam(required = false) String reason, Authentication user,
      RedirectAttributes redirect) {
    return amend(round, number, user, redirect, "已调整整改时限",
        key -> amendments.changeDeadline(key, AmendmentDates.parse(deadline), reason, user.getName()));
  }

  @PostMapping("/withdrawal")
  String withdraw(@PathVariable String round, @PathVariable String number, @RequestParam(required = false) String reason,
      @RequestParam(required = false) String confirm, Authentication user, RedirectAttributes redirect) {
    return amend(round, number, user, redirect, "已撤销该问题", key -> {
      if (!"yes".equals(confirm)) {
        throw new RefusedInput("撤销问题前请勾选“确认撤销整个问题”");
      }
      amendments.withdraw(key, reason, user.getName());
    });
  }

  private String amend(String round, String number, Authentication user, RedirectAttributes redirect, String done,
      java.util.function.Consumer<String> amendment) {
    if (!managers.includes(user.getName())) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "只有组织部督导人员可以调整已发布的问题");
    }
    try {
      amendment.accept(RectificationCaseProcess.caseKey(round, number));
      redirect.addFlashAttribute("notice", done);
    } catch (RefusedInput | RefusedAction refused) {
      redirect.addFlashAttribute("refusal", refused.getMessage());
    } catch (OptimisticLockingException conflict) {
      redirect.addFlashAttribute("refusal", CONCURRENT);
    }
    return "redirect:" + UriComponentsBuilder.fromPath("/supervision/cases/{round}/{number}")
        .buildAndExpand(round, number).encode().toUriString();
  }
}
