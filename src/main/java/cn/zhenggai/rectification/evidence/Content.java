package cn.zhenggai.rectification.evidence;

/** What a file's bytes turned out to be ({@link ContentCheck}), as a message names it. */
enum Content {
  PDF("PDF 文件"),
  WORD_97("Word 97-2003 文档"),
  WORD("Word 文档"),
  EXCEL_97("Excel 97-2003 工作簿"),
  EXCEL("Excel 工作簿"),
  OFD("OFD 版式文件"),
  JPEG("JPEG 图片"),
  PNG("PNG 图片"),
  TEXT("纯文本"),
  HTML("网页（HTML）"),
  SVG("SVG 图形"),
  PROGRAM("可执行程序"),
  OTHER_CONTAINER("其他类型的文档或压缩包"),
  UNKNOWN("无法识别的内容");

  private final String label;

  Content(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }
}
