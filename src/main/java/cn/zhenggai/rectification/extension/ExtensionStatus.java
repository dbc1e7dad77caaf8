package cn.zhenggai.rectification.extension;

/** Where a request for more time stands (column {@code extension_request.status}). */
enum ExtensionStatus {
  PENDING("等待审批"),
  APPROVED("已批准"),
  REFUSED("未获批准"),
  /** The unit completed its task, or its case ended, before the supervisors decided. */
  LAPSED("已失效");

  private final String label;

  ExtensionStatus(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }
}
