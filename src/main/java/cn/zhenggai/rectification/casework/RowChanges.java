package cn.zhenggai.rectification.casework;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The register's row changes of one engine command, written once per row as the command closes: a claim fires two
 * task events that change the same row, a completion ends one task and creates the next, a unit's case starts with its
 * first task; each is one statement instead of two or three. The statements run when the command closes, before the
 * engine writes its own rows, in the same transaction; a command that fails writes none. Outside an engine command
 * every change is written at once. Whoever reads the register or writes it otherwise inside a command calls
 * {@link #flush} first, so it sees and follows what the command changed.
 */
@Component
class RowChanges {

  /** The row: a table and the value of a column that names one row (or, for a task's row, the task's). */
  record Row(String table, String keyColumn, Object key) {}

  /** An SQL expression over the row's current values, which reads these columns. */
  record Expression(String sql, Set<String> reads, List<Object> arguments) {}

  /** What is waiting for a row: its insert (all columns), or the columns an update sets, in order. */
  private static final class Pending {
    final boolean insert;
    final Map<String, Object> columns = new LinkedHashMap<>();

    Pending(boolean insert) {
      this.insert = insert;
    }
  }

  /** Per command running on this thread (an engine command may run another in a context of its own). */
  private final ThreadLocal<Map<CommandContext, Map<Row, Pending>>> commands =
      ThreadLocal.withInitial(IdentityHashMap::new);

  private final JdbcTemplate jdbc;

  RowChanges(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A new row with these columns (its key column among them). */
  void insert(Row row, Map<String, Object> columns) {
    Map<Row, Pending> pending = pendingOf(row);
    if (pending == null) {
      write(row, pendingWith(true, columns));
      return;
    }
    flush(pending, row);
    pending.put(row, pendingWith(true, columns));
  }

  /** Sets these columns of the row, each to a value or an {@link Expression}. */
  void update(Row row, Map<String, Object> columns) {
    Map<Row, Pending> pending = pendingOf(row);
    if (pending == null) {
      write(row, pendingWith(false, columns));
      return;
    }
    Pending waiting = pending.get(row);
    if (waiting != null && !mergeable(waiting, columns)) {
      flush(pending, row);
      waiting = null;
    }
    if (waiting == null) {
      pending.put(row, pendingWith(false, columns));
    } else {
      waiting.columns.putAll(columns);
    }
  }

  /** A value this command gave a row's column and has not written yet. */
  record Waiting(Object value) {}

  /** The value waiting for the row's column; null where none waits (or an expression does). */
  Waiting waiting(Row row, String column) {
    CommandContext context = commandContext();
    Map<Row, Pending> pending = context == null ? null : commands.get().get(context);
    Pending waiting = pending == null ? null : pending.get(row);
    if (waiting == null || !waiting.columns.containsKey(column) || waiting.columns.get(column) instanceof Expression) {
      return null;
    }
    return new Waiting(waiting.columns.get(column));
  }

  /** Writes what the commands on this thread have changed so far. */
  void flush() {
    for (Map<Row, Pending> pending : commands.get().values()) {
      writeAll(pending);
    }
  }

  /**
   * This command's waiting changes, with their listener registered on the first; null outside a command. Changes of the
   * same row waiting in another command on this thread are written first, so the row's changes keep their order.
   */
  private Map<Row, Pending> pendingOf(Row row) {
    CommandContext context = commandContext();
    if (context == null) {
      return null;
    }
    Map<CommandContext, Map<Row, Pending>> running = commands.get();
    running.forEach((other, pending) -> {
      if (other != context && pending.containsKey(row)) {
        flush(pending, row);
      }
    });
    return running.computeIfAbsent(context, opened -> {
      opened.registerCommandContextListener(new CommandContextListener() {
        @Override
        public void onCommandContextClose(CommandContext closing) {
          Map<Row, Pending> waiting = forget(closing);
          if (waiting != null) {
            writeAll(waiting);
          }
        }

        @Override
        public void onCommandFailed(CommandContext failed, Throwable failure) {
          forget(failed);
        }
      });
      return new LinkedHashMap<>();
    });
  }

  private Map<Row, Pending> forget(CommandContext context) {
    Map<CommandContext, Map<Row, Pending>> running = commands.get();
    Map<Row, Pending> waiting = running.remove(context);
    if (running.isEmpty()) {
      commands.remove();
    }
    return waiting;
  }

  /** An update joins what waits unless one of its expressions reads a column the waiting change sets (or inserts). */
  private static boolean mergeable(Pending waiting, Map<String, Object> columns) {
    return columns.values().stream().noneMatch(value -> value instanceof Expression expression
        && (waiting.insert || expression.reads().stream().anyMatch(waiting.columns::containsKey)));
  }

  private static Pending pendingWith(boolean insert, Map<String, Object> columns) {
    Pending pending = new Pending(insert);
    pending.columns.putAll(columns);
    return pending;
  }

  private void flush(Map<Row, Pending> pending, Row row) {
    Pending waiting = pending.remove(row);
    if (waiting != null) {
      write(row, waiting);
    }
  }

  /** The statements in the order their rows first changed; rows written by the same statement go in one batch. */
  private void writeAll(Map<Row, Pending> pending) {
    Map<String, List<Object[]>> statements = new LinkedHashMap<>();
    pending.forEach((row, waiting) -> {
      List<Object> arguments = new ArrayList<>();
      String sql = statement(row, waiting, arguments);
      statements.computeIfAbsent(sql, key -> new ArrayList<>()).add(arguments.toArray());
    });
    pending.clear();
    statements.forEach((sql, rows) -> {
      if (rows.size() == 1) {
        jdbc.update(sql, rows.get(0));
      } else {
        jdbc.batchUpdate(sql, rows);
      }
    });
  }

  private void write(Row row, Pending waiting) {
    List<Object> arguments = new ArrayList<>();
    jdbc.update(statement(row, waiting, arguments), arguments.toArray());
  }

  private static String statement(Row row, Pending waiting, List<Object> arguments) {
    if (waiting.insert) {
      arguments.addAll(waiting.columns.values());
      return "insert into " + row.table() + " (" + String.join(", ", waiting.columns.keySet()) + ") values ("
          + String.join(", ", waiting.columns.keySet().stream().map(column -> "?").toList()) + ")";
    }
    List<String> sets = new ArrayList<>();
    waiting.columns.forEach((column, value) -> {
      if (value instanceof Expression expression) {
        sets.add(column + " = " + expression.sql());
        arguments.addAll(expression.arguments());
      } else {
        sets.add(column + " = ?");
        arguments.add(value);
      }
    });
    arguments.add(row.key());
    return "update " + row.table() + " set " + String.join(", ", sets) + " where " + row.keyColumn() + " = ?";
  }

  private static CommandContext commandContext() {
    return Context.getCommandContext();
  }
}
