package cn.zhenggai.rectification.startup;

import cn.zhenggai.rectification.organization.IdentitySeeding;
import cn.zhenggai.rectification.organization.Organization;
import cn.zhenggai.rectification.organization.TasklistFilters;
import cn.zhenggai.rectification.problem.Problem;
import cn.zhenggai.rectification.problem.ProblemList;
import cn.zhenggai.rectification.rounds.RoundPublishing;
import cn.zhenggai.rectification.security.AccessGrants;
import java.nio.file.Path;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At start-up: reads both seed files and checks them completely, then, in one transaction, brings the identity
 * service, the Tasklist filters and the authorizations in line and loads the problem list as the demo round (published
 * the first time, through the same path as a round a supervisor publishes; later only new problems are opened). A broken file stops start-up before anything
 * is written.
 */
@Component
@ConditionalOnProperty(name = "rectification.seeds.load-at-start-up", matchIfMissing = true)
class SeedLoader implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(SeedLoader.class);

  private final SeedProperties seeds;
  private final IdentitySeeding identity;
  private final TasklistFilters filters;
  private final AccessGrants access;
  private final RoundPublishing rounds;
  private final TransactionTemplate transaction;
  private final JdbcTemplate jdbc;

  SeedLoader(
      SeedProperties seeds,
      IdentitySeeding identity,
      TasklistFilters filters,
      AccessGrants access,
      RoundPublishing rounds,
      TransactionTemplate transaction,
      JdbcTemplate jdbc) {
    this.seeds = seeds;
    this.identity = identity;
    this.filters = filters;
    this.access = access;
    this.rounds = rounds;
    this.transaction = transaction;
    this.jdbc = jdbc;
  }

  @Override
  public void run(ApplicationArguments args) {
    load();
  }

  int load() {
    return load(seeds.organization(), seeds.problems());
  }

  /** Returns the number of cases started. */
  int load(Path organizationFile, Path problemsFile) {
    Organization organization = Organization.read(organizationFile);
    ProblemList problems = ProblemList.read(problemsFile, organization);
    Integer started = transaction.execute(status -> {
      // nodes starting together take turns here; the second finds everything done
      jdbc.queryForList("select name from app_lock where name = 'seeding' for update");
      identity.apply(organization, seeds.demoUsers());
      access.apply(filters.apply());
      return rounds.loadSeed(problems, problems.problems().stream().map(Problem::deadline).max(LocalDate::compareTo).orElseThrow());
    });
    LOG.info("问题清单 {} 共 {} 个问题，本次新立案 {} 个", problemsFile, problems.problems().size(), started);
    return started;
  }
}
