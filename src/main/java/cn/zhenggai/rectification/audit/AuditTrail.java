package cn.zhenggai.rectification.audit;

import cn.zhenggai.rectification.organization.PeopleDirectory;
import cn.zhenggai.rectification.vocabulary.EngineClock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * Records one action of a person in the audit trail ({@code audit_event}, this package's table): when (the engine's
 * clock), who (given, or the signed-in user), from where ({@link RequestOrigin}, or the address given), what, on which
 * case and unit or other object, and the details. The row joins the caller's transaction: an action that rolls back
 * leaves no record, one that commits always has one.
 */
@Service
public class AuditTrail {

  /** Who acted, and the address the action came from (null where not known: a timer of the engine). */
  public record Actor(String id, String address) {

    /** The signed-in user of this request, from its address. */
    public static Actor current() {
      Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
      String id = signedIn == null || !signedIn.isAuthenticated() || "anonymousUser".equals(signedIn.getName())
          ? null : signedIn.getName();
      return new Actor(id, RequestOrigin.address());
    }

    /** This person, from the address of this request. */
    public static Actor named(String id) {
      return new Actor(id, RequestOrigin.address());
    }
  }

  /** What was done, and to what: a case and unit (either may be null), another object, details. */
  public record Entry(String action, String actionName, String problemId, String unitId, String target, String detail) {

    public static Entry of(AuditAction action, String target, String detail) {
      return new Entry(action.name(), action.label(), null, null, target, detail);
    }

    public static Entry onCase(AuditAction action, String problemId, String unitId, String target, String detail) {
      return new Entry(action.name(), action.label(), problemId, unitId, target, detail);
    }
  }

  private static final int NAME = 255;
  private static final int ADDRESS = 64;
  private static final int ACTION_NAME = 100;
  private static final int DETAIL = 4000;

  private final JdbcTemplate jdbc;
  private final PeopleDirectory people;

  AuditTrail(JdbcTemplate jdbc, PeopleDirectory people) {
    this.jdbc = jdbc;
    this.people = people;
  }

  /** Done by the signed-in user of this request. */
  public void record(Entry entry) {
    record(Actor.current(), entry);
  }

  public void record(Actor actor, Entry entry) {
    record(actor, nameOf(actor.id()), entry);
  }

  /** With the name the caller already has (a case's timeline names its actor itself). */
  public void record(Actor actor, String actorName, Entry entry) {
    jdbc.update("insert into audit_event (occurred_at, actor_id, actor_name, address, action, action_name, problem_id, "
            + "unit_id, target, detail) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        EngineClock.timestamp(), cut(actor.id(), NAME), cut(actorName, NAME), cut(actor.address(), ADDRESS),
        entry.action(), cut(entry.actionName(), ACTION_NAME), entry.problemId(), entry.unitId(),
        cut(entry.target(), NAME), cut(entry.detail(), DETAIL));
  }

  /** As the web applications show a user: first name, and the last name (their post) in brackets. */
  String nameOf(String id) {
    return id == null ? null : people.nameOf(id);
  }

  private static String cut(String text, int length) {
    return text == null || text.length() <= length ? text : text.substring(0, length - 1) + "…";
  }
}
