package cn.zhenggai.rectification.load;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulated users as an open model: no thread per user, but one small clock that starts each user's next action
 * a think time after its last answer, and one HTTP client that sends asynchronously. Users join spread over a ramp
 * and alternate between the nodes; what they do is logged in the current stretch (ramp, step), which the test closes
 * and opens.
 */
final class Crowd implements AutoCloseable {

  private final ScheduledExecutorService clock = Executors.newScheduledThreadPool(2, task -> {
    Thread thread = new Thread(task, "load-clock");
    thread.setDaemon(true);
    return thread;
  });
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10))
      .build();
  private final int[] ports;
  private final Duration thinkMin;
  private final Duration thinkMax;
  private final List<SimulatedUser> users = new ArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final List<Throwable> failures = new ArrayList<>();
  private volatile RequestLog log = new RequestLog();
  private volatile boolean stopped;

  /** Users on these nodes' ports, thinking between {@code thinkMin} and {@code thinkMax} (uniform) after each answer. */
  Crowd(int[] ports, Duration thinkMin, Duration thinkMax) {
    this.ports = ports.clone();
    this.thinkMin = thinkMin;
    this.thinkMax = thinkMax;
  }

  /** Adds users until there are {@code total}, signing them in evenly spread over {@code ramp}. */
  void growTo(int total, Duration ramp) {
    int from = users.size();
    for (int i = from; i < total; i++) {
      SimulatedUser user = new SimulatedUser(this, SimulatedUser.accountOf(i), ports[i % ports.length], new Random(i));
      users.add(user);
      long delay = ramp.toMillis() * (i - from) / Math.max(1, total - from);
      clock.schedule(user::signIn, delay, TimeUnit.MILLISECONDS);
    }
  }

  /** Lets the users work for this long (the test's thread waits; the clock and the HTTP client do the work). */
  void workFor(Duration duration) throws InterruptedException, ExecutionException {
    clock.schedule(() -> { }, duration.toMillis(), TimeUnit.MILLISECONDS).get();
  }

  /** Ends the current stretch and returns its log; what follows goes into a new one. */
  RequestLog nextStretch() {
    RequestLog ended = log;
    log = new RequestLog();
    return ended;
  }

  /** No new actions from now on; answers still on their way are logged. */
  void stop() {
    stopped = true;
  }

  /** Requests sent and not yet answered. */
  int inFlight() {
    return inFlight.get();
  }

  /** Users whose signing in failed, and other surprises that ended a user's day (none expected). */
  synchronized List<Throwable> failures() {
    return new ArrayList<>(failures);
  }

  /** Runs the action a think time from now, unless the crowd stopped. */
  void afterThinking(Random random, Runnable action) {
    if (stopped) {
      return;
    }
    long think = thinkMin.toMillis() + (long) (random.nextDouble() * (thinkMax.toMillis() - thinkMin.toMillis()));
    clock.schedule(action, think, TimeUnit.MILLISECONDS);
  }

  synchronized void failed(Throwable failure) {
    failures.add(failure);
  }

  HttpClient http() {
    return http;
  }

  RequestLog log() {
    return log;
  }

  void requestSent() {
    inFlight.incrementAndGet();
  }

  void answerReceived() {
    inFlight.decrementAndGet();
  }

  @Override
  public void close() {
    stopped = true;
    clock.shutdownNow();
  }
}
