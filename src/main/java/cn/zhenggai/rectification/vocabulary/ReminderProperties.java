package cn.zhenggai.rectification.vocabulary;

import java.time.Duration;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * When candidates are reminded, and how often the sweep ({@code DeadlineWatch}) looks for notices that are due.
 *
 * @param beforeDue how long before the due date the first reminder goes out
 * @param dueDayAt time of day of the reminder on the due date
 * @param sweepEvery how often the sweep runs: a notice goes out at most this late
 * @param sweepBatch register rows per transaction of the sweep
 */
@ConfigurationProperties("rectification.reminders")
public record ReminderProperties(Duration beforeDue, LocalTime dueDayAt, Duration sweepEvery, int sweepBatch) {}
