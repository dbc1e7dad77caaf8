package cn.zhenggai.rectification.extension;

import cn.zhenggai.rectification.vocabulary.Stage;
import java.time.Instant;
import java.time.LocalDate;

/** One request for more time, as stored ({@code extension_request}). */
record ExtensionRequest(long id, String problemId, String unitId, String processInstanceId, String taskId, Stage stage,
    Instant dueAt, LocalDate requestedUntil, String reason, String requestedBy, Instant requestedAt,
    ExtensionStatus status, String decidedBy, Instant decidedAt, LocalDate grantedUntil, String decisionReason) {}
