package cn.zhenggai.rectification.retention;

import cn.zhenggai.rectification.casework.CaseRetention;
import cn.zhenggai.rectification.vocabulary.CaseRecords;
import cn.zhenggai.rectification.vocabulary.EngineClock;
import cn.zhenggai.rectification.vocabulary.ExpiringRecords;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The night's cleanup ({@code ${retentionCleanup.run()}} in the process {@code RetentionCleanup}): the cases that
 * ended more than {@code rectification.retention} ago go with everything of theirs, in batches of
 * {@code rectification.cleanup.batch} cases, each its own transaction (every package removes its own rows, the register
 * last); then the rows of no case that are as old (digests, rounds, audit entries). It stops when the night window
 * ends, and what is left goes the next night. Camunda's history of the same cases goes by its own cleanup in the same
 * window: the case diagrams' time to live is the same number of days ({@link HistoryTimeToLive}).
 */
@Component("retentionCleanup")
public class RetentionCleanup {

  private static final Logger LOG = LoggerFactory.getLogger(RetentionCleanup.class);

  private final CaseRetention cases;
  private final List<CaseRecords> caseRecords;
  private final List<ExpiringRecords> expiringRecords;
  private final RetentionSchedule schedule;
  private final RetentionProperties properties;
  private final TransactionTemplate batches;

  RetentionCleanup(CaseRetention cases, List<CaseRecords> caseRecords, List<ExpiringRecords> expiringRecords,
      RetentionSchedule schedule, RetentionProperties properties, PlatformTransactionManager transactions) {
    this.cases = cases;
    this.caseRecords = caseRecords;
    this.expiringRecords = expiringRecords;
    this.schedule = schedule;
    this.properties = properties;
    this.batches = new TransactionTemplate(transactions);
    batches.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  public void run() {
    Date started = EngineClock.now();
    Optional<Instant> end = schedule.endOfWindow(started);
    if (end.isEmpty()) {
      LOG.info("保存期限清理：现在不在夜间窗口 {} 内，本次不清理", schedule.window());
      return;
    }
    Instant cutoff = started.toInstant().minus(Duration.ofDays(properties.period().days()));
    int batch = properties.cleanup().batch();
    int removedCases = 0;
    List<String> removed;
    while (before(end.get()) && !(removed = batches.execute(status -> removeCases(cutoff, batch))).isEmpty()) {
      removedCases += removed.size();
      LOG.info("保存期限已过，已移除案件及其台账、办理记录、通知、延期申请、佐证材料：{}", String.join("、", removed));
    }
    int removedRows = 0;
    for (ExpiringRecords records : expiringRecords) {
      int rows;
      while (before(end.get()) && (rows = batches.execute(status -> records.removeOlderThan(cutoff, batch))) > 0) {
        removedRows += rows;
      }
    }
    LOG.info("保存期限清理：结束于 {} 之前的案件移除 {} 个，不属于案件的记录（每日汇总、整改批次、审计记录）移除 {} 条{}",
        LocalDateTime.ofInstant(cutoff, ZoneId.systemDefault()).truncatedTo(ChronoUnit.MINUTES), removedCases,
        removedRows, before(end.get()) ? "" : "；夜间窗口已到结束时间，余下的明晚继续");
  }

  private List<String> removeCases(Instant cutoff, int batch) {
    List<String> expired = cases.expired(cutoff, batch);
    if (!expired.isEmpty()) {
      caseRecords.forEach(records -> records.removeCases(expired));
      cases.remove(expired);
    }
    return expired;
  }

  private static boolean before(Instant end) {
    return EngineClock.now().toInstant().isBefore(end);
  }
}
