package cn.zhenggai.rectification.supervision;

import cn.zhenggai.rectification.casework.CaseQueries.UnitCase;
import cn.zhenggai.rectification.rounds.RoundManagers;
import cn.zhenggai.rectification.vocabulary.CaseStatus;
import cn.zhenggai.rectification.vocabulary.GroupType;
import cn.zhenggai.rectification.vocabulary.Stage;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** What the case page's amendment forms offer, shown to the organization department while the problem is open. */
@Component
class CaseAmendmentForms {

  private final RoundManagers managers;
  private final IdentityService identity;

  CaseAmendmentForms(RoundManagers managers, IdentityService identity) {
    this.managers = managers;
    this.identity = identity;
  }

  void addTo(Model model, CaseDetails.CaseDetail detail, String userId) {
    boolean amendable = managers.includes(userId) && CaseStatus.OPEN.name().equals(detail.summary().status());
    model.addAttribute("amendable", amendable);
    if (!amendable) {
      return;
    }
    Set<String> listed = detail.units().stream().map(UnitCase::unitId).collect(Collectors.toSet());
    List<Group> addable = identity.createGroupQuery().groupType(GroupType.UNIT.name()).orderByGroupId().asc().list()
        .stream().filter(group -> !listed.contains(group.getId())).toList();
    model.addAttribute("addableUnits", addable);
    model.addAttribute("removableUnits", detail.units().stream()
        .filter(unit -> CaseStatus.OPEN.name().equals(unit.status()) && Stage.DRAFT_PLAN.name().equals(unit.stage())
            && unit.planReturns() == 0)
        .map(UnitCase::unitId).collect(Collectors.toSet()));
    model.addAttribute("unitsOpen", detail.units().stream().filter(unit -> CaseStatus.OPEN.name().equals(unit.status())).count());
  }
}
