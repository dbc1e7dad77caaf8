package cn.zhenggai.rectification.supervision;

import cn.zhenggai.rectification.casework.Colours;
import cn.zhenggai.rectification.vocabulary.Colour;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The one legend of the 督办 colours, with the configured durations ("蓝：3 天内到期 黄：逾期 红：逾期超过 7 天 绿：按期办结"):
 * its text, the CSS class of each colour (the same RGB in supervision.css) and the RGB of the Excel cell fill. Overview,
 * ledger, case page and the exports read it here.
 */
@Component
public class Legend {

  /**
   * One colour of the legend.
   *
   * @param rgb the fill as six hex digits, as in supervision.css and the Excel file
   */
  public record Entry(Colour colour, String meaning, String rgb) {

    /** "蓝：3 天内到期". */
    public String text() {
      return colour.label() + "：" + meaning;
    }

    public String cssClass() {
      return Legend.cssClass(colour);
    }

    byte[] rgbBytes() {
      return HexFormat.of().parseHex(rgb);
    }
  }

  private final List<Entry> entries;

  Legend(Colours colours) {
    this.entries = List.of(
        new Entry(Colour.BLUE, Colours.inWords(colours.beforeDue()) + "内到期", "90CAF9"),
        new Entry(Colour.YELLOW, "逾期", "FFEE58"),
        new Entry(Colour.RED, "逾期超过 " + Colours.inWords(colours.redAfter()), "EF5350"),
        new Entry(Colour.GREEN, "按期办结", "81C784"));
  }

  public List<Entry> entries() {
    return entries;
  }

  /** The entry of a colour other than NONE. */
  Entry of(Colour colour) {
    return entries.stream().filter(entry -> entry.colour() == colour).findFirst().orElseThrow();
  }

  /** The whole legend on one line. */
  public String text() {
    return String.join(" ", entries.stream().map(Entry::text).toList());
  }

  /** "colour-red"; "colour-none" for an item without a colour (templates: {@code legend.cssClassOf(row.colour)}). */
  public String cssClassOf(Colour colour) {
    return cssClass(colour);
  }

  private static String cssClass(Colour colour) {
    return "colour-" + colour.name().toLowerCase(Locale.ROOT);
  }
}
