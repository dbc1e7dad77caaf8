package cn.zhenggai.rectification.startup;

import cn.zhenggai.rectification.casework.CaseRegister;
import cn.zhenggai.rectification.casework.CaseRegister.Unscheduled;
import cn.zhenggai.rectification.casework.ProcessVersions;
import cn.zhenggai.rectification.casework.ProcessVersions.Upgrade;
import cn.zhenggai.rectification.notification.NoticeRecords;
import cn.zhenggai.rectification.vocabulary.DueNotice;
import cn.zhenggai.rectification.vocabulary.NoticeSchedule;
import cn.zhenggai.rectification.vocabulary.NoticeSchedule.Scheduled;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At start-up, before the node takes sign-ins: cases opened under an earlier version of the diagrams move to the
 * current one (their per-task reminder timers go away), and every open task without a scheduled notice gets the one
 * after the last it was sent, so nobody is reminded twice and nothing is left out. The date may be past: the next
 * sweep sends it, as a late timer would have. Nodes starting together take turns (the seeding lock); the second finds
 * nothing left to do.
 */
@Component
@Order(0)
class ReminderUpgrade implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ReminderUpgrade.class);
  private static final int CHUNK = 500;

  private final ProcessVersions versions;
  private final CaseRegister register;
  private final NoticeRecords notices;
  private final NoticeSchedule schedule;
  private final TransactionTemplate transaction;
  private final JdbcTemplate jdbc;

  ReminderUpgrade(ProcessVersions versions, CaseRegister register, NoticeRecords notices, NoticeSchedule schedule,
      TransactionTemplate transaction, JdbcTemplate jdbc) {
    this.versions = versions;
    this.register = register;
    this.notices = notices;
    this.schedule = schedule;
    this.transaction = transaction;
    this.jdbc = jdbc;
  }

  @Override
  public void run(ApplicationArguments args) {
    int migrated = migrate();
    Integer scheduled = transaction.execute(status -> {
      lock();
      return backfill();
    });
    if (migrated > 0 || scheduled != null && scheduled > 0) {
      LOG.info("已将 {} 个流程实例升级到新版本；{} 项待办的催办改由巡查按截止日期发出", migrated, scheduled);
    }
  }

  /** Chunks of cases, each in its own transaction; a chunk the engine refuses is tried case by case. */
  private int migrate() {
    int migrated = 0;
    for (Upgrade upgrade : versions.pending()) {
      List<String> ids = upgrade.instanceIds();
      for (int from = 0; from < ids.size(); from += CHUNK) {
        List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
        try {
          migrated += inTurn(upgrade, chunk);
        } catch (RuntimeException refused) {
          for (String id : chunk) {
            try {
              migrated += inTurn(upgrade, List.of(id));
            } catch (RuntimeException e) {
              LOG.warn("流程实例 {}（{}第 {} 版）未能升级到第 {} 版，留在原版本（它的旧定时器不再发通知，催办照常由巡查发出）：{}",
                  id, upgrade.name(), upgrade.from().getVersion(), upgrade.to().getVersion(), e.getMessage());
            }
          }
        }
      }
    }
    return migrated;
  }

  private int inTurn(Upgrade upgrade, List<String> chunk) {
    Integer moved = transaction.execute(status -> {
      lock();
      return versions.migrate(upgrade, chunk);
    });
    return moved == null ? 0 : moved;
  }

  /** Each unscheduled open task gets the notice after the last one recorded for it (none after a red card). */
  private int backfill() {
    List<Unscheduled> open = register.unscheduled();
    Map<String, Set<String>> sent = notices.kindsByTask(open.stream().map(Unscheduled::taskId).toList());
    List<Unscheduled> tasks = new ArrayList<>();
    List<Scheduled> next = new ArrayList<>();
    for (Unscheduled task : open) {
      Set<String> kinds = sent.getOrDefault(task.taskId(), Set.of());
      DueNotice last = null;
      for (DueNotice notice : DueNotice.values()) {
        if (kinds.contains(notice.name())) {
          last = notice;
        }
      }
      Optional<Scheduled> scheduled = last == null ? schedule.first(task.dueAt()) : schedule.after(last, task.dueAt());
      scheduled.ifPresent(s -> {
        tasks.add(task);
        next.add(s);
      });
    }
    register.schedule(tasks, next);
    return tasks.size();
  }

  private void lock() {
    jdbc.queryForList("select name from app_lock where name = 'seeding' for update");
  }
}
