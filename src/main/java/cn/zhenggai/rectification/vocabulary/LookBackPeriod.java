package cn.zhenggai.rectification.vocabulary;

import java.time.ZoneId;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.Optional;
import java.util.TimeZone;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.Duration;

/**
 * How long after a problem is closed (销号) the supervisors look back at it (回头看): an ISO-8601 duration read by the
 * XML duration parser, as Camunda reads its timer durations ({@code java.time.Duration} cannot read months, P6M). Some
 * time (a demo uses PT2M), at most {@value #MAX_MONTHS} months.
 */
public record LookBackPeriod(String iso) {

  public static final int MAX_MONTHS = 24;

  /** What a person is told a period may be, after the field's name. */
  public static final String EXPECTED = "应为 1 到 " + MAX_MONTHS + " 之间的月数（如 6），或 ISO-8601 期限（如 P6M、P90D、PT2M），最长 "
      + MAX_MONTHS + " 个月";

  private static final DatatypeFactory DURATIONS = durations();

  /** A number of months ({@code 6}) or an ISO-8601 duration ({@code P6M}); empty when it is neither or out of range. */
  public static Optional<LookBackPeriod> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String written = text.strip().toUpperCase();
    if (written.matches("\\d{1,3}")) {
      int months = Integer.parseInt(written);
      return months >= 1 && months <= MAX_MONTHS ? Optional.of(new LookBackPeriod("P" + months + "M")) : Optional.empty();
    }
    Duration duration;
    try {
      duration = DURATIONS.newDuration(written);
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      return Optional.empty();
    }
    Date start = new Date(0);
    Date end = add(duration, start, ZoneId.of("UTC"));
    Date longest = add(DURATIONS.newDuration("P" + MAX_MONTHS + "M"), start, ZoneId.of("UTC"));
    return duration.getSign() > 0 && !end.after(longest) ? Optional.of(new LookBackPeriod(written)) : Optional.empty();
  }

  /** The instant this period after {@code start}, months counted in the county's calendar. */
  public Date after(Date start, ZoneId zone) {
    return add(DURATIONS.newDuration(iso), start, zone);
  }

  private static Date add(Duration duration, Date start, ZoneId zone) {
    GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone(zone));
    calendar.setTime(start);
    duration.addTo(calendar);
    return calendar.getTime();
  }

  private static DatatypeFactory durations() {
    try {
      return DatatypeFactory.newInstance();
    } catch (DatatypeConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }
}
