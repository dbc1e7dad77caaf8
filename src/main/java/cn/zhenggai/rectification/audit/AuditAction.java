package cn.zhenggai.rectification.audit;

/**
 * The actions the audit trail records besides a case's timeline entries (those keep their own kinds and names,
 * casework.CaseTimeline.Kind).
 */
public enum AuditAction {
  SIGN_IN("登录"),
  SIGN_IN_FAILED("登录失败"),
  SIGN_IN_LOCKED("登录被锁定"),
  SIGN_IN_UNLOCKED("解除登录锁定"),
  SIGN_OUT("退出登录"),
  TASK_CLAIMED("认领待办"),
  TASK_UNCLAIMED("放弃认领待办"),
  CLOSURE_CONFIRMED("确认问题整改完成"),
  LEDGER_EXPORTED("导出整改台账"),
  EVIDENCE_UPLOADED("上传佐证材料"),
  EVIDENCE_REMOVED("删除佐证材料"),
  EVIDENCE_DOWNLOADED("下载佐证材料"),
  EVIDENCE_ZIP_DOWNLOADED("下载佐证材料压缩包"),
  AUDIT_EXPORTED("导出审计记录"),
  USER_CREATED("新建用户"),
  USER_UPDATED("修改用户"),
  USER_DELETED("删除用户"),
  USER_UNLOCKED("解锁用户"),
  GROUP_CREATED("新建组"),
  GROUP_UPDATED("修改组"),
  GROUP_DELETED("删除组"),
  MEMBERSHIP_ADDED("加入组"),
  MEMBERSHIP_REMOVED("移出组"),
  TENANT_CHANGED("修改租户"),
  AUTHORIZATION_CREATED("新建授权"),
  AUTHORIZATION_UPDATED("修改授权"),
  AUTHORIZATION_DELETED("删除授权"),
  CHANNEL_CHANGED("修改通知方式"),
  NOTICE_RESENT("重发通知");

  private final String label;

  AuditAction(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
