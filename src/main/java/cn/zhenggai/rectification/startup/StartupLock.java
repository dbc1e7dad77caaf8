package cn.zhenggai.rectification.startup;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Nodes starting at the same time on an empty PostgreSQL database would both create Camunda's tables, and all but
 * one would fail. A session-level advisory lock makes them build their process engines one after another: the
 * first creates the schema, the others find it there.
 */
@Component
class StartupLock extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(StartupLock.class);
  private static final long KEY = 0x7a68656e67676169L; // "zhenggai"

  private final DataSource dataSource;
  private Connection held;

  StartupLock(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    try {
      Connection connection = dataSource.getConnection();
      if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
        connection.close(); // H2: one node only
        return;
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute("select pg_advisory_lock(" + KEY + ")");
      }
      held = connection;
      LOG.info("已取得启动锁，开始建立流程引擎");
    } catch (SQLException e) {
      throw new IllegalStateException("could not take the start-up lock in the database", e);
    }
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    if (held == null) {
      return;
    }
    try (Connection connection = held; Statement statement = connection.createStatement()) {
      statement.execute("select pg_advisory_unlock(" + KEY + ")");
    } catch (SQLException e) {
      LOG.warn("释放启动锁失败（连接关闭时自动释放）：{}", e.getMessage());
    } finally {
      held = null;
    }
  }
}
