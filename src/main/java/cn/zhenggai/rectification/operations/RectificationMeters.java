package cn.zhenggai.rectification.operations;

import cn.zhenggai.rectification.casework.OpenItemCounts;
import cn.zhenggai.rectification.notification.NoticeCounts;
import cn.zhenggai.rectification.notification.NoticeKind;
import cn.zhenggai.rectification.notification.NoticeStatus;
import cn.zhenggai.rectification.vocabulary.Card;
import cn.zhenggai.rectification.vocabulary.Stage;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/**
 * The product's own gauges, in Prometheus as {@code rectification_*}: open items, overdue items and cards by stage;
 * notices by kind and delivery status; due jobs, jobs with no retries left, incidents. Every tag value is registered
 * from the start (zero until there is something), so a dashboard never shows a gap for "none". Each family is one
 * query, read at most once per {@code rectification.operations.figures-max-age}; unknown (NaN) while the database is
 * out of reach.
 */
@Component
class RectificationMeters implements MeterBinder {

  private final OpenItemCounts items;
  private final NoticeCounts notices;
  private final EngineJobs jobs;
  private final OperationsProperties properties;

  RectificationMeters(OpenItemCounts items, NoticeCounts notices, EngineJobs jobs, OperationsProperties properties) {
    this.items = items;
    this.notices = notices;
    this.jobs = jobs;
    this.properties = properties;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Recent<Map<Stage, OpenItemCounts.ByStage>> byStage = new Recent<>("台账事项数", items::byStage, properties.figuresMaxAge());
    for (Stage stage : OpenItemCounts.WORK_STAGES) {
      gauge(registry, "rectification.items.open", "未办结的事项（单位整改事项和待确认销号的问题），按环节", byStage::get,
          counts -> counts.get(stage).open(), "stage", stage.name());
      gauge(registry, "rectification.items.overdue", "已逾期的未办结事项，按环节", byStage::get,
          counts -> counts.get(stage).overdue(), "stage", stage.name());
      for (Card card : List.of(Card.YELLOW, Card.RED)) {
        gauge(registry, "rectification.items.cards", "亮牌的未办结事项，按环节和牌色（YELLOW 黄牌、RED 红牌）", byStage::get,
            counts -> counts.get(stage).cards(card), "stage", stage.name(), "card", card.name());
      }
    }

    Recent<Map<NoticeCounts.Key, Long>> byKindAndStatus = new Recent<>("通知数", notices::byKindAndStatus,
        properties.figuresMaxAge());
    for (NoticeKind kind : NoticeKind.values()) {
      for (NoticeStatus status : NoticeStatus.values()) {
        NoticeCounts.Key key = new NoticeCounts.Key(kind, status);
        gauge(registry, "rectification.notices", "通知（催办记录），按种类和发送状态", byKindAndStatus::get,
            counts -> counts.getOrDefault(key, 0L), "kind", kind.name(), "status", status.name());
      }
    }

    gauge(registry, "rectification.jobs.due", "已到期、等待作业执行器执行的作业", jobs::counts, EngineJobs.Counts::due);
    gauge(registry, "rectification.jobs.failed", "重试次数已用完的作业（不再自动执行，需要处理）", jobs::counts, EngineJobs.Counts::failed);
    gauge(registry, "rectification.incidents", "未解决的流程事件（incident），按根因计：单位流程中的一次失败只算一个", jobs::counts, EngineJobs.Counts::incidents);
  }

  /** A gauge of one figure of a family; the figures are asked for on every scrape, and read at most once per max age. */
  private static <T> void gauge(MeterRegistry registry, String name, String description,
      Supplier<Optional<T>> figures, ToDoubleFunction<T> value, String... tags) {
    Gauge.builder(name, figures, family -> valueOf(family.get(), value))
        .description(description)
        .tags(tags)
        .strongReference(true) // the gauge is the only holder of its figures
        .register(registry);
  }

  private static <T> double valueOf(Optional<T> figures, ToDoubleFunction<T> value) {
    return figures.map(value::applyAsDouble).orElse(Double.NaN);
  }
}
