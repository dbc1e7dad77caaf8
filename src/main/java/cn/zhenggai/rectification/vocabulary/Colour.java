package cn.zhenggai.rectification.vocabulary;

import java.util.Collection;
import java.util.Comparator;

/**
 * The 督办 colour of an item, as supervisors read it: blue due soon, yellow overdue, red long overdue, green closed on
 * time; computed from dates whenever it is read (casework.Colours). Not the card (黄牌/红牌), which records a notice sent.
 */
public enum Colour {
  BLUE("蓝", 2), YELLOW("黄", 3), RED("红", 4), GREEN("绿", 0), NONE("", 1);

  private final String label;
  private final int severity;

  Colour(String label, int severity) {
    this.label = label;
    this.severity = severity;
  }

  /** 蓝, 黄, 红, 绿; nothing for an item without a colour. */
  public String label() {
    return label;
  }

  /**
   * A problem's colour, the worst of its units': red before yellow before blue, and green only when every unit is
   * green (one unit still at work without a colour leaves the problem without one); none without units.
   */
  public static Colour worst(Collection<Colour> colours) {
    return colours.stream().max(Comparator.comparingInt(colour -> colour.severity)).orElse(NONE);
  }
}
