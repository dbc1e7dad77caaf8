package cn.zhenggai.rectification;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application as it runs in production: {@code postgres} profile on a real PostgreSQL server, the real
 * seed files, the job executor on, a real HTTP port; with the {@code demo} profile asked for, as the tests sign in
 * with the demo accounts. Each test class gets its own database and its own start of the application, closed after
 * the class while the database server still runs.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.profiles.active=postgres,demo")
@ContextConfiguration(initializers = FreshPostgresDatabase.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class PostgresApplicationTest {}
