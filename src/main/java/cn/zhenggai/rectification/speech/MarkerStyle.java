package cn.zhenggai.rectification.speech;

import java.util.regex.Pattern;

/** The ways these texts number their points, and where in a paragraph each may stand. */
enum MarkerStyle {
  HEADING("([一二三四五六七八九十]{1,3})、", "", false),
  PAREN_HAN("[（(]([一二三四五六七八九十]{1,3})[）)]", "。；;：:！？", false),
  IS("([一二三四五六七八九十]{1,3})是", "。；;：:！？，,", false),
  ORDINAL("第([一二三四五六七八九十]{1,3})[，,、：:]", "。；;：:！？", false),
  ARABIC("(\\d{1,2})[.．、](?![\\d.．])", "。；;：:！？", true),
  PAREN_ARABIC("[（(](\\d{1,2})[）)]", "。；;：:！？，,", true),
  CIRCLED("([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])", "。；;：:！？，,", true),
  /** 一要……二要……: the requirements, never a problem. */
  MUST("([一二三四五六七八九十]{1,3})要", "。；;：:！？，,", false);

  final Pattern pattern;
  /** Besides the start of a paragraph, the marks after which a marker of this style may stand. */
  final String after;
  final boolean arabic;

  MarkerStyle(String regex, String after, boolean arabic) {
    this.pattern = Pattern.compile(regex);
    this.after = after;
    this.arabic = arabic;
  }

  int ordinal(String number) {
    if (this == CIRCLED) {
      return number.charAt(0) - '①' + 1;
    }
    return arabic ? Integer.parseInt(number) : Chinese.numeral(number);
  }
}
