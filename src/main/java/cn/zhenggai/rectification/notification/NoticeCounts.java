package cn.zhenggai.rectification.notification;

import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** The record of notifications counted by kind and delivery status, in one grouped query. */
@Service
public class NoticeCounts {

  /** One kind of notice in one delivery status. */
  public record Key(NoticeKind kind, NoticeStatus status) {}

  private final JdbcTemplate jdbc;

  NoticeCounts(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The number of notices per kind and status; a pair that has none is missing. */
  public Map<Key, Long> byKindAndStatus() {
    Map<Key, Long> counts = new HashMap<>();
    jdbc.query("select kind, status, count(*) as notices from notification group by kind, status",
        rs -> {
          counts.put(new Key(NoticeKind.valueOf(rs.getString("kind")), NoticeStatus.valueOf(rs.getString("status"))), rs.getLong("notices"));
        });
    return counts;
  }
}
