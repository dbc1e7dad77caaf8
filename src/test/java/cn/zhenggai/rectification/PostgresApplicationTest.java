package cn.zhenggai.rectification;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application as it runs in production: {@code postgres} profile on a real PostgreSQL server, the real
 * seed files, the job executor on, a real HTTP port. The demo accounts are asked for, as the tests log in as them.
 * Subclasses share one database; each class gets its own start of the application (a restart, for the seeds), closed
 * after the class while the database server still runs.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.profiles.active=postgres", "rectification.seeds.demo-users=true"})
public abstract class PostgresApplicationTest {

  private static final String URL = TestPostgres.newDatabase("rectification_it");

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> URL);
    registry.add("spring.datasource.username", TestPostgres::user);
    registry.add("spring.datasource.password", () -> "");
  }
}
