package cn.zhenggai.rectification.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The throttle on the embedded default database (H2, the application's own migrations, so V7 is checked on H2 too),
 * two nodes sharing it, the clock moved by the test.
 */
class SignInThrottleTest {

  static final String STRANGER = "203.0.113.7";
  static final String OFFICE = "198.51.100.20";
  static final String USER = "sec-chengguan";

  final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T01:00:00Z"));
  JdbcTemplate jdbc;
  SignInThrottle node;
  SignInThrottle otherNode;

  @BeforeEach
  void database() {
    DataSource database = new DriverManagerDataSource("jdbc:h2:mem:sign-in-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
    jdbc = new JdbcTemplate(database);
    node = throttle(database);
    otherNode = throttle(database);
  }

  @Test
  void aStrangersWrongPasswordsLockTheAccountOnlyFromTheStrangersAddress() {
    fail(4, USER, STRANGER);

    assertThatThrownBy(() -> node.admit(USER, STRANGER).failed())
        .isInstanceOf(SignInLocked.class).hasMessage("登录失败次数过多，已暂时锁定，请 1 分钟后再试");

    assertThatThrownBy(() -> node.admit(USER, STRANGER)).as("no password check while locked")
        .isInstanceOf(SignInLocked.class);
    assertThatCode(() -> node.admit(USER, OFFICE).succeeded()).as("the owner, elsewhere").doesNotThrowAnyException();
    assertThatCode(() -> node.admit("sec-dongcheng", STRANGER)).as("another account from there")
        .doesNotThrowAnyException();
  }

  @Test
  void allNodesCountTogetherAndSeeTheLock() {
    fail(3, USER, STRANGER);
    otherNode.admit(USER, STRANGER).failed();

    assertThatThrownBy(() -> otherNode.admit(USER, STRANGER).failed()).isInstanceOf(SignInLocked.class);
    assertThatThrownBy(() -> node.admit(USER, STRANGER)).isInstanceOf(SignInLocked.class);
  }

  @Test
  void theLockEndsAndTheNextWrongPasswordLocksForTwiceAsLong() {
    lock(USER, STRANGER);
    clock.advance(Duration.ofSeconds(59));
    assertThatThrownBy(() -> node.admit(USER, STRANGER)).isInstanceOf(SignInLocked.class);
    clock.advance(Duration.ofSeconds(1));

    assertThatThrownBy(() -> node.admit(USER, STRANGER).failed())
        .isInstanceOf(SignInLocked.class).hasMessage("登录失败次数过多，已暂时锁定，请 2 分钟后再试");
  }

  @Test
  void aRightPasswordAfterTheLockForgetsTheWrongOnes() {
    lock(USER, STRANGER);
    clock.advance(Duration.ofMinutes(1));

    node.admit(USER, STRANGER).succeeded();

    assertThat(jdbc.queryForObject("select count(*) from sign_in_throttle where account = ?", Integer.class, USER))
        .isZero();
    assertThatCode(() -> fail(4, USER, STRANGER)).as("four more before the next lock").doesNotThrowAnyException();
  }

  @Test
  void anAddressGuessingManyAccountsIsLockedForAllOfThem() {
    for (int i = 1; i < 20; i++) {
      node.admit("guess-" + i, STRANGER).failed();
      clock.advance(Duration.ofSeconds(30));
    }

    assertThatThrownBy(() -> node.admit("guess-20", STRANGER).failed())
        .isInstanceOf(SignInLocked.class).hasMessage("登录失败次数过多，已暂时锁定，请 15 分钟后再试");
    assertThatThrownBy(() -> node.admit(USER, STRANGER)).isInstanceOf(SignInLocked.class);
    assertThatCode(() -> node.admit(USER, OFFICE)).doesNotThrowAnyException();

    clock.advance(Duration.ofMinutes(15));
    assertThatCode(() -> node.admit(USER, STRANGER)).as("after fifteen minutes").doesNotThrowAnyException();
  }

  @Test
  void anAdministratorSeesTheLocksInForceAndLiftsOne() {
    lock(USER, STRANGER);
    for (int i = 1; i < 20; i++) {
      node.admit("guess-" + i, OFFICE).failed();
    }
    assertThatThrownBy(() -> node.admit("guess-20", OFFICE).failed()).isInstanceOf(SignInLocked.class);
    node.admit("sec-dongcheng", "192.0.2.1").failed(); // counted, not locked

    List<SignInThrottle.Lock> locks = node.locks();

    assertThat(locks).extracting(SignInThrottle.Lock::account, SignInThrottle.Lock::address, SignInThrottle.Lock::failures)
        .as("the longest first; the whole address has no account")
        .containsExactly(tuple(null, OFFICE, 20), tuple(USER, STRANGER, 5));
    SignInThrottle.Lock pair = locks.get(1);
    assertThat(pair.lockedUntil()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));

    assertThat(otherNode.lift(pair.id(), "admin")).hasValue(pair);

    assertThatCode(() -> node.admit(USER, STRANGER)).doesNotThrowAnyException();
    assertThat(node.locks()).extracting(SignInThrottle.Lock::address).containsExactly(OFFICE);
    assertThat(node.lift(pair.id(), "admin")).as("lifted already").isEmpty();
  }

  @Test
  void countsOlderThanAnyRuleLooksBackAreForgotten() {
    node.admit(USER, OFFICE).failed();
    clock.advance(Duration.ofDays(1).plusSeconds(1));
    node.admit("sec-dongcheng", OFFICE).failed();

    node.forgetOldCounts();

    assertThat(jdbc.queryForList("select account from sign_in_throttle order by account", String.class))
        .as("the address's count and the new pair remain").containsExactly("", "sec-dongcheng");
  }

  private void fail(int times, String account, String address) {
    for (int i = 0; i < times; i++) {
      node.admit(account, address).failed();
    }
  }

  private void lock(String account, String address) {
    fail(4, account, address);
    assertThatThrownBy(() -> node.admit(account, address).failed()).isInstanceOf(SignInLocked.class);
  }

  private SignInThrottle throttle(DataSource database) {
    return new SignInThrottle(new JdbcTemplate(database), new TransactionTemplate(new DataSourceTransactionManager(database)),
        SignInPolicyTest.DEFAULTS, new StaticListableBeanFactory(Map.of("clock", clock)).getBeanProvider(Clock.class));
  }
}
