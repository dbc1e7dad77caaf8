package cn.zhenggai.rectification.startup;

import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Ties the node's readiness to the end of its start-up work. Spring Boot logs "Started" and its web server answers
 * before the application runners run, and {@link SeedLoader} is one: it brings accounts, groups, Tasklist filters and
 * grants in line and opens the cases, and on a second node first waits for the first node's seeding. Until all runners
 * have returned, Spring's readiness state (read by {@code /actuator/health/readiness} and by the sign-in) stays
 * REFUSING_TRAFFIC; it turns to ACCEPTING_TRAFFIC after them (with the ready event), also when no seeds are loaded at start-up. This
 * gate states the refusal as soon as the node has started, and logs both moments, so that an operator reading the log
 * knows when the node really takes sign-ins.
 */
@Component
class StartUpGate {

  private static final Logger LOG = LoggerFactory.getLogger(StartUpGate.class);

  @EventListener
  void started(ApplicationStartedEvent event) {
    AvailabilityChangeEvent.publish(event.getApplicationContext(), ReadinessState.REFUSING_TRAFFIC);
    LOG.info("Web 服务已启动，正在完成启动工作（种子、账号、过滤器、授权）：完成前就绪检查为 OUT_OF_SERVICE，登录答复 503");
  }

  @EventListener
  void readiness(AvailabilityChangeEvent<ReadinessState> event) {
    if (event.getState() != ReadinessState.ACCEPTING_TRAFFIC) {
      return;
    }
    LOG.info("启动工作已完成，开始接受登录和请求（自进程启动 {} 秒）",
        String.format("%.1f", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0));
  }
}
