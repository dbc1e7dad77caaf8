package cn.zhenggai.rectification.supervision;

import cn.zhenggai.rectification.web.RefusalsAsProblems;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Our refusals in the rounds and amendments APIs, as problem details with the Chinese message. */
@RestControllerAdvice(assignableTypes = {RoundApi.class, CaseAmendmentApi.class})
class ApiRefusals extends RefusalsAsProblems {}
