package cn.zhenggai.rectification.audit;

import java.time.Instant;

/** One entry of the audit trail as it was recorded. */
public record AuditRecord(long id, Instant occurredAt, String actorId, String actorName, String address, String action,
    String actionName, String problemId, String unitId, String target, String detail) {}
