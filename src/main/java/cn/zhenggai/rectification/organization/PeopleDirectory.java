package cn.zhenggai.rectification.organization;

import cn.zhenggai.rectification.vocabulary.GroupType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * People, groups, memberships and user info as every task step and notice reads them (who acted, who is told, how
 * they want it). Names, groups and memberships are remembered so that a step does not ask the identity tables again
 * and again: an identity write on this node ({@link IdentityWrites}) forgets them at once, a write on another node of
 * the installation is seen here after at most {@link #FRESH}. User info (channel, digest, mobile) is read each time:
 * people set it themselves and expect their next notice to follow it, whichever node composes that notice. What is
 * returned is for reading only.
 */
@Component
public class PeopleDirectory {

  /** How long an answer is used before the identity service is asked again (writes on another node). */
  static final Duration FRESH = Duration.ofSeconds(10);

  private record Remembered(Object value, long at) {}

  private record Key(String kind, String first, String second) {}

  private final IdentityService identity;
  /**
   * At most this many answers are kept: the organization's people and groups are a few thousand, but a failed
   * sign-in names whatever account was typed (the audit row looks it up), so unknown ids must not fill the memory.
   */
  static final int MOST_REMEMBERED = 5_000;

  private final Map<Key, Remembered> answers = new ConcurrentHashMap<>();
  /** Counts the writes seen, so that an answer read while one committed is not kept (see {@link #remembered}). */
  private final AtomicLong writes = new AtomicLong();

  PeopleDirectory(IdentityService identity) {
    this.identity = identity;
  }

  public Optional<User> user(String userId) {
    return remembered(new Key("user", userId, null),
        () -> Optional.ofNullable(identity.createUserQuery().userId(userId).singleResult()));
  }

  /** As the web applications show a person: first name, and the last name (their post) in brackets; else the id. */
  public String nameOf(String userId) {
    return user(userId).map(user -> user.getFirstName()
            + (user.getLastName() == null || user.getLastName().isBlank() ? "" : "（" + user.getLastName() + "）"))
        .orElse(userId);
  }

  public List<User> members(String groupId) {
    return remembered(new Key("members", groupId, null), () -> identity.createUserQuery().memberOfGroup(groupId).list());
  }

  public Optional<Group> group(String groupId) {
    return remembered(new Key("group", groupId, null),
        () -> Optional.ofNullable(identity.createGroupQuery().groupId(groupId).singleResult()));
  }

  public List<Group> groupsOf(GroupType type) {
    return remembered(new Key("type", type.name(), null), () -> identity.createGroupQuery().groupType(type.name()).list());
  }

  /** One of the person's user info values (channel, digest, mobile number), if set; never from memory. */
  public Optional<String> info(String userId, String key) {
    return Optional.ofNullable(identity.getUserInfo(userId, key));
  }

  /** After an identity write: the next question asks the identity service again. */
  void forget() {
    writes.incrementAndGet();
    answers.clear();
  }

  int remembered() {
    return answers.size();
  }

  @SuppressWarnings("unchecked")
  private <T> T remembered(Key key, Supplier<T> lookup) {
    long now = System.nanoTime();
    Remembered known = answers.get(key);
    if (known != null && now - known.at() < FRESH.toNanos()) {
      return (T) known.value();
    }
    long before = writes.get();
    T value = lookup.get();
    if (answers.size() >= MOST_REMEMBERED) {
      answers.clear(); // start again rather than grow: the next steps ask the identity service once more
    }
    answers.put(key, new Remembered(value, now));
    if (writes.get() != before) { // a write came while we read: what we read may be the old value
      answers.remove(key);
    }
    return value;
  }
}
