package cn.zhenggai.rectification.supervision;

import cn.zhenggai.rectification.audit.AuditFilter;
import cn.zhenggai.rectification.audit.AuditQuery;
import cn.zhenggai.rectification.audit.AuditRecord;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail as JSON, for supervisors and administrators (see security.WebSecurity). */
@RestController
class AuditApi {

  record Page(long total, long offset, int limit, List<AuditRecord> rows) {}

  private final AuditQuery audit;

  AuditApi(AuditQuery audit) {
    this.audit = audit;
  }

  @GetMapping("/api/audit")
  @Operation(summary = "审计记录：谁在何时做了什么，新的在前，分页",
      description = "action 为操作代码（如 SIGN_IN 登录、PLAN_RETURNED 退回整改方案），actionName 为其中文名；problemId 为"
          + "“批次代码/问题编号”，unitId 为责任单位；target 为其他对象（用户、组、文件、导出的筛选条件），detail 为详情"
          + "（审核意见、退回理由等）；address 为客户端地址。")
  @Parameters({
      @Parameter(in = ParameterIn.QUERY, name = "person", description = "操作人账号"),
      @Parameter(in = ParameterIn.QUERY, name = "case", description = "问题编号，如 2022-SZPY/2.1"),
      @Parameter(in = ParameterIn.QUERY, name = "action", description = "操作代码"),
      @Parameter(in = ParameterIn.QUERY, name = "from", description = "起始日期（含），yyyy-MM-dd"),
      @Parameter(in = ParameterIn.QUERY, name = "to", description = "截止日期（含），yyyy-MM-dd")})
  Page rows(@Parameter(hidden = true) @RequestParam Map<String, String> query,
      @RequestParam(defaultValue = "0") long offset, @RequestParam(defaultValue = "100") int limit) {
    if (offset < 0 || limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("offset 不能为负，limit 应在 1 到 1000 之间");
    }
    AuditFilter filter = AuditFilter.from(query);
    return new Page(audit.count(filter), offset, limit, audit.page(filter, offset, limit));
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail badFilter(IllegalArgumentException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
  }
}
