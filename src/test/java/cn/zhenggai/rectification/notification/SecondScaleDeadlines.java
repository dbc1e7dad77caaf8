package cn.zhenggai.rectification.notification;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Deadlines in seconds for the notice tests, on the one-problem seeds: a draft plan is due after 30 s, reminded at
 * 10 s and 20 s, yellow at 30 s, red at 40 s; the sweep runs and the mail sender looks every second.
 */
final class SecondScaleDeadlines {

  private SecondScaleDeadlines() {}

  static void register(DynamicPropertyRegistry registry) {
    registry.add("rectification.seeds.problems", () -> "src/test/resources/seeds/one-problem.yaml");
    registry.add("rectification.deadlines.draft-plan", () -> "PT30S");
    registry.add("rectification.reminders.before-due", () -> "PT20S");
    registry.add("rectification.escalation.red-after", () -> "PT10S");
    registry.add("rectification.reminders.sweep-every", () -> "PT1S");
    registry.add("rectification.mail.poll-interval", () -> "PT1S");
  }
}
