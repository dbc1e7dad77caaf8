package cn.zhenggai.rectification.speech;

import java.util.regex.Pattern;

/** Characters and words of Chinese official prose that the importer reads by. */
final class Chinese {

  /** Punctuation that separates clauses but never ends a quotation of a problem. */
  static final String SEPARATORS = "，,；;、：:";
  static final String SENTENCE_ENDS = "。！？!?";
  static final String OPENING = "“‘《（(「『【";
  static final String CLOSING = "”’》）)」』】";

  /** Words that start a shortcoming: 有的……、个别……、还没有……. */
  static final Pattern LEAD = Pattern.compile("^(还有的|还有些|极个别|个别|有的|有些|少数|部分|一些|还|仍)");

  /** Leads after which a heading is not a category but a problem itself. */
  static final Pattern PROBLEM_LEAD = Pattern.compile("^(极个别|个别|有的|有些)");

  /** Words that mark a shortcoming (as opposed to an achievement or a requirement). */
  static final Pattern SHORTCOMING = Pattern.compile(
      "不够|不足|不强|不高|不到位|不全面|不深刻|不深入|不健全|不规范|不严|不实|不力|不明显|不平衡|不充分|不及时|不完善|不精准|不扎实"
          + "|弱化|虚化|淡化|薄弱|较弱|缺乏|缺少|欠缺|没有|尚未|未能|未按|有待|差距|问题|短板|滞后|偏差|流于形式|走过场|形式主义");

  /** Sentences that look back on the problems or call for action: the list of problems ends there. */
  static final Pattern CLOSING_SENTENCE = Pattern.compile(
      "(这些|上述|以上|前述)(问题|不足|差距|短板)|^对此|对于这些|务必|高度重视|切实抓好整改|引起(高度)?重视|原因是多方面|^下一步|^针对");

  /** Sentences that give details of the problem before them (如……、其中……) rather than a new problem. */
  static final Pattern DETAIL = Pattern.compile("^(如|例如|比如|其中|特别是|尤其是|甚至|据统计|经查|抽查)");

  private Chinese() {}

  static boolean isBlank(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF';
  }

  static boolean isHan(char c) {
    return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
  }

  /** 一 … 九十九 as a number; 0 when it is not one. */
  static int numeral(String han) {
    String digits = "一二三四五六七八九";
    int ten = han.indexOf('十');
    if (ten < 0) {
      return han.length() == 1 ? digits.indexOf(han.charAt(0)) + 1 : 0;
    }
    int tens = ten == 0 ? 1 : digits.indexOf(han.charAt(0)) + 1;
    int units = ten == han.length() - 1 ? 0 : digits.indexOf(han.charAt(ten + 1)) + 1;
    return tens * 10 + units;
  }
}
