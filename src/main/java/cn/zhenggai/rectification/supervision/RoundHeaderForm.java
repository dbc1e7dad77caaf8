package cn.zhenggai.rectification.supervision;

import cn.zhenggai.rectification.rounds.Round;
import cn.zhenggai.rectification.rounds.RoundForm;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** A round's header as the page's form sends it: dates as typed, read as dates only here. */
class RoundHeaderForm {

  private String code;
  private String name;
  private String kind;
  private String heldOn;
  private String defaultDeadline;
  private String lookBackAfter;

  static RoundHeaderForm of(Round round) {
    RoundHeaderForm form = new RoundHeaderForm();
    form.code = round.code();
    form.name = round.name();
    form.kind = round.kind();
    form.heldOn = round.heldOn().toString();
    form.defaultDeadline = round.defaultDeadline().toString();
    form.lookBackAfter = round.lookBackAfter();
    return form;
  }

  RoundForm toRoundForm() {
    return new RoundForm(code, name, kind, date(heldOn), date(defaultDeadline), lookBackAfter);
  }

  /** A date as {@code <input type="date">} sends it; anything else counts as not given, and the form says so. */
  static LocalDate date(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  public String getCode() {
    return code;
  }

  public void setCode(String code) {
    this.code = code;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  public String getHeldOn() {
    return heldOn;
  }

  public void setHeldOn(String heldOn) {
    this.heldOn = heldOn;
  }

  public String getDefaultDeadline() {
    return defaultDeadline;
  }

  public void setDefaultDeadline(String defaultDeadline) {
    this.defaultDeadline = defaultDeadline;
  }

  public String getLookBackAfter() {
    return lookBackAfter;
  }

  public void setLookBackAfter(String lookBackAfter) {
    this.lookBackAfter = lookBackAfter;
  }
}
