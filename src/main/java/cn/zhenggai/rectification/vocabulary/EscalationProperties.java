package cn.zhenggai.rectification.vocabulary;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param redAfter how long overdue a task turns from yellow to red and goes to the county leaders */
@ConfigurationProperties("rectification.escalation")
public record EscalationProperties(Duration redAfter) {}
