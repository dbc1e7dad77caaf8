package cn.zhenggai.rectification.security;

import cn.zhenggai.rectification.security.SignInPolicy.Count;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wrong passwords counted in the database ({@code sign_in_throttle}, shared by all nodes) per account and client
 * address, and per address across accounts, by the rules of {@link SignInPolicy}. A locked account-and-address (or
 * address) is refused before any password check; a right password clears the count of its account and address.
 * The table is this class's alone.
 */
@Component
class SignInThrottle {

  /** The account column of an address's own row, which counts the address's wrong passwords for all accounts. */
  static final String ALL_ACCOUNTS = "";

  private static final Logger LOG = LoggerFactory.getLogger(SignInThrottle.class);
  private static final int ACCOUNT_LENGTH = 255;
  private static final String COUNTS = "select account, failures, first_failure_at, last_failure_at, locked_until "
      + "from sign_in_throttle ";
  private static final String LOCKS = "select id, account, address, failures, locked_until from sign_in_throttle ";

  /** A current lock, for administrators; {@code account} is null where the whole address is locked. */
  record Lock(long id, String account, String address, int failures, Instant lockedUntil) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final SignInPolicy policy;
  private final SignInProperties settings;
  private final Clock clock;

  SignInThrottle(JdbcTemplate jdbc, TransactionTemplate transaction, SignInProperties settings,
      ObjectProvider<Clock> clock) {
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.policy = new SignInPolicy(settings);
    this.settings = settings;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  /**
   * Lets a sign-in go on to the password check, or refuses it with {@link SignInLocked} while the account from this
   * address, or the address, is locked.
   */
  Attempt admit(String account, String address) {
    Instant now = now();
    String stored = key(account);
    List<Row> rows = jdbc.query(COUNTS + "where address = ? and account in (?, ?)", Row::read, address, stored,
        ALL_ACCOUNTS);
    Instant lockedUntil = SignInPolicy.lockedUntil(rows.stream().map(Row::count).toList(), now);
    if (lockedUntil != null) {
      throw new SignInLocked(Duration.between(now, lockedUntil));
    }
    boolean counted = rows.stream().anyMatch(row -> row.account().equals(stored));
    return new Attempt(stored, address, counted);
  }

  /** What became of one admitted sign-in. */
  final class Attempt {
    private final String account;
    private final String address;
    private final boolean counted;

    private Attempt(String account, String address, boolean counted) {
      this.account = account;
      this.address = address;
      this.counted = counted;
    }

    /** A right password: the account's wrong passwords from this address are forgotten. */
    void succeeded() {
      if (counted) {
        jdbc.update("delete from sign_in_throttle where account = ? and address = ?", account, address);
      }
    }

    /** A wrong password: counted; throws {@link SignInLocked} when this one locked the account or the address. */
    void failed() {
      Instant now = now();
      Instant lockedUntil;
      try {
        lockedUntil = countBoth(now);
      } catch (DuplicateKeyException anotherNodeCountedFirst) {
        lockedUntil = countBoth(now); // its row exists now: count on it
      }
      if (lockedUntil != null) {
        throw new SignInLocked(Duration.between(now, lockedUntil));
      }
    }

    private Instant countBoth(Instant now) {
      return transaction.execute(status -> {
        // always the account's row before the address's, so that two sign-ins never wait for each other in a circle
        Count pair = countFailure(account, address, now, policy::afterAccountFailure);
        Count all = countFailure(ALL_ACCOUNTS, address, now, policy::afterAddressFailure);
        return SignInPolicy.lockedUntil(List.of(pair, all), now);
      });
    }
  }

  private Count countFailure(String account, String address, Instant now, BiFunction<Count, Instant, Count> next) {
    List<Row> found = jdbc.query(COUNTS + "where account = ? and address = ? for update", Row::read, account, address);
    Count before = found.isEmpty() ? Count.NONE : found.get(0).count();
    Count after = next.apply(before, now);
    if (found.isEmpty()) {
      jdbc.update("insert into sign_in_throttle (account, address, failures, first_failure_at, last_failure_at, "
              + "locked_until) values (?, ?, ?, ?, ?, ?)",
          account, address, after.failures(), timestamp(after.firstFailure()), timestamp(after.lastFailure()),
          timestamp(after.lockedUntil()));
    } else {
      jdbc.update("update sign_in_throttle set failures = ?, first_failure_at = ?, last_failure_at = ?, "
              + "locked_until = ? where account = ? and address = ?",
          after.failures(), timestamp(after.firstFailure()), timestamp(after.lastFailure()),
          timestamp(after.lockedUntil()), account, address);
    }
    if (after.lockedAt(now) && !before.lockedAt(now)) {
      LOG.info("登录锁定：{}，输错密码 {} 次，锁定 {} 秒（至 {}）", whom(account, address), after.failures(),
          Duration.between(now, after.lockedUntil()).toSeconds(), after.lockedUntil());
    }
    return after;
  }

  /** The locks in force now, the longest first. */
  List<Lock> locks() {
    return jdbc.query(LOCKS + "where locked_until > ? order by locked_until desc, id", SignInThrottle::lock,
        timestamp(now()));
  }

  /** Lifts a lock and forgets its count; empty when there is no such row (lifted already, or never there). */
  Optional<Lock> lift(long id, String by) {
    List<Lock> found = jdbc.query(LOCKS + "where id = ?", SignInThrottle::lock, id);
    if (found.isEmpty() || jdbc.update("delete from sign_in_throttle where id = ?", id) == 0) {
      return Optional.empty();
    }
    Lock lock = found.get(0);
    LOG.info("{} 解除了登录锁定：{}", by, whom(lock.account() == null ? ALL_ACCOUNTS : lock.account(), lock.address()));
    return Optional.of(lock);
  }

  /** Forgets counts that no longer bear on anything: not locked, and older than any rule looks back. */
  @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
  void forgetOldCounts() {
    Instant now = now();
    Duration lookBack = settings.forgetAfter().compareTo(settings.addressWindow()) > 0
        ? settings.forgetAfter() : settings.addressWindow();
    try {
      jdbc.update("delete from sign_in_throttle where (locked_until is null or locked_until <= ?) and last_failure_at < ?",
          timestamp(now), timestamp(now.minus(lookBack)));
    } catch (DataAccessResourceFailureException e) {
      LOG.warn("数据库暂时无法连接，过期的登录失败记录稍后再清理（{}）", e.getMostSpecificCause().getMessage());
    }
  }

  /** In whole milliseconds, which both databases store exactly (PostgreSQL would round nanoseconds). */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** An account name as it is stored: as typed, cut to the column's length (no account id is nearly that long). */
  private static String key(String account) {
    return account.length() <= ACCOUNT_LENGTH ? account : account.substring(0, ACCOUNT_LENGTH);
  }

  private static String whom(String account, String address) {
    return account.equals(ALL_ACCOUNTS) ? "地址 " + address + "（各账号合计）" : "账号 " + account + " 自地址 " + address;
  }

  private static Lock lock(ResultSet rs, int n) throws SQLException {
    String account = rs.getString("account");
    return new Lock(rs.getLong("id"), account.equals(ALL_ACCOUNTS) ? null : account, rs.getString("address"),
        rs.getInt("failures"), instant(rs.getTimestamp("locked_until")));
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private record Row(String account, Count count) {
    static Row read(ResultSet rs, int n) throws SQLException {
      return new Row(rs.getString("account"), new Count(rs.getInt("failures"), instant(rs.getTimestamp("first_failure_at")),
          instant(rs.getTimestamp("last_failure_at")), instant(rs.getTimestamp("locked_until"))));
    }
  }
}
