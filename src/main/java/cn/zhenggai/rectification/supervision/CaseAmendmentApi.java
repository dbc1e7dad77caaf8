package cn.zhenggai.rectification.supervision;

import cn.zhenggai.rectification.casework.CaseAmendments;
import cn.zhenggai.rectification.casework.CaseRegister;
import cn.zhenggai.rectification.rounds.RoundManagers;
import cn.zhenggai.rectification.security.Viewer;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Amending a published problem through the API, for the organization department only ({@link RoundManagers}); each
 * amendment carries a reason kept in the case timeline, and answers with the case as {@code GET /api/cases/…} shows it.
 * Refusals are problem details in Chinese: 400 for what was sent, 403 for who sent it, 404 for an unknown problem,
 * 409 for what the case's state does not allow (a unit already at work, a problem already withdrawn).
 */
@RestController
@RequestMapping("/api/cases/{round}/{number}")
@Tag(name = "问题调整", description = "已发布问题的调整：增加或撤销责任单位、调整整改时限、撤销问题（仅组织部督导人员），每项须写明理由")
@ApiResponse(responseCode = "400", description = "理由、日期或单位不正确（detail 说明哪一项）")
@ApiResponse(responseCode = "403", description = "不是组织部督导人员")
@ApiResponse(responseCode = "404", description = "没有该问题")
@ApiResponse(responseCode = "409", description = "问题或单位当前的状态不允许这项调整")
class CaseAmendmentApi {

  record UnitRequest(String unitId, String reason) {}

  record DeadlineRequest(String deadline, String reason) {}

  record ReasonRequest(String reason) {}

  private final CaseAmendments amendments;
  private final CaseRegister register;
  private final RoundManagers managers;
  private final CaseDetails details;

  CaseAmendmentApi(CaseAmendments amendments, CaseRegister register, RoundManagers managers, CaseDetails details) {
    this.amendments = amendments;
    this.register = register;
    this.managers = managers;
    this.details = details;
  }

  @PostMapping("/units")
  @Operation(summary = "增加责任单位", description = "该单位的整改随即开始（制定整改方案），并通知其书记；unitId 为 organization.yaml 中的单位编号")
  CaseDetails.CaseDetail addUnit(@PathVariable String round, @PathVariable String number,
      @RequestBody(required = false) UnitRequest request, Authentication user) {
    String key = amendable(round, number, user);
    amendments.addUnit(key, request == null ? null : request.unitId(), request == null ? null : request.reason(), user.getName());
    return detail(key, user);
  }

  @DeleteMapping("/units/{unitId}")
  @Operation(summary = "撤销责任单位", description = "仅限尚未提交过整改方案的单位；该单位的整改以“已撤销”结束并留在台账中。"
      + "理由放在请求体 {\"reason\": …} 中，或作为参数 reason")
  CaseDetails.CaseDetail removeUnit(@PathVariable String round, @PathVariable String number, @PathVariable String unitId,
      @RequestBody(required = false) ReasonRequest request, @RequestParam(name = "reason", required = false) String reason,
      Authentication user) {
    String key = amendable(round, number, user);
    amendments.removeUnit(key, unitId, request != null && request.reason() != null ? request.reason() : reason, user.getName());
    return detail(key, user);
  }

  @PutMapping("/deadline")
  @Operation(summary = "调整整改时限", description = "deadline 为 yyyy-MM-dd（当天 24 时前）；正在落实整改的任务截止日期及其催办、黄牌、红牌随之调整")
  CaseDetails.CaseDetail changeDeadline(@PathVariable String round, @PathVariable String number,
      @RequestBody(required = false) DeadlineRequest request, Authentication user) {
    String key = amendable(round, number, user);
    amendments.changeDeadline(key, AmendmentDates.parse(request == null ? null : request.deadline()),
        request == null ? null : request.reason(), user.getName());
    return detail(key, user);
  }

  @PostMapping("/withdrawal")
  @Operation(summary = "撤销问题", description = "各单位未完成的整改随之以“已撤销”结束，已验收的保持不变；撤销后不能再调整")
  CaseDetails.CaseDetail withdraw(@PathVariable String round, @PathVariable String number,
      @RequestBody(required = false) ReasonRequest request, Authentication user) {
    String key = amendable(round, number, user);
    amendments.withdraw(key, request == null ? null : request.reason(), user.getName());
    return detail(key, user);
  }

  /** A unit's secretary or a supervisor worked the case at the same moment: nothing was changed, try again. */
  @ExceptionHandler(OptimisticLockingException.class)
  ProblemDetail concurrent(OptimisticLockingException conflict) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, CaseAmendmentPages.CONCURRENT);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException unreadable) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        "请求内容不是有效的 JSON，或字段的类型不对（应为 {\"unitId\": …, \"deadline\": \"yyyy-MM-dd\", \"reason\": …} 中的文字）");
  }

  /** The case key, once the user may amend and the problem exists. */
  private String amendable(String round, String number, Authentication user) {
    managers.require(user.getName());
    String key = RectificationCaseProcess.caseKey(round, number);
    if (!register.hasProblem(key)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "没有编号为 " + key + " 的问题");
    }
    return key;
  }

  private CaseDetails.CaseDetail detail(String key, Authentication user) {
    return details.one(key, Viewer.of(user)).orElseThrow();
  }
}
