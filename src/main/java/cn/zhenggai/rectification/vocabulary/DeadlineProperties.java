package cn.zhenggai.rectification.vocabulary;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long each stage may take (ISO-8601 durations); the rectification itself is due on the problem's
 * deadline from {@code problems.yaml}. A returned plan is redrafted in {@code redraftPlan}, a returned report redone in
 * {@code redoRectification}. The supervisors' look-back at a closed problem (回头看) is due {@code lookBack} after it comes
 * up; when it comes up is {@link LookBackProperties}.
 */
@ConfigurationProperties("rectification.deadlines")
public record DeadlineProperties(
    ZoneId timeZone, Duration draftPlan, Duration redraftPlan, Duration reviewPlan, Duration redoRectification,
    Duration acceptRectification, Duration confirmClosure, Duration lookBack) {}
