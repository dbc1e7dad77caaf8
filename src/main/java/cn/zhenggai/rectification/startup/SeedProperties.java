package cn.zhenggai.rectification.startup;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the seed files are and whether the demo accounts (password "demo") are created.
 *
 * @param organization units, supervisors, leaders and (demo) users
 * @param problems the problem list from the closing speech
 * @param demoUsers create the users of the organization file with the demo password
 * @param loadAtStartUp load both files when the application starts (process tests switch it off and open their own
 *     cases, so that test coverage sees every case from its start)
 */
@ConfigurationProperties("rectification.seeds")
public record SeedProperties(Path organization, Path problems, boolean demoUsers, boolean loadAtStartUp) {}
