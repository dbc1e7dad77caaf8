package cn.zhenggai.rectification.organization;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The organization file the application was started with, read afresh when a feature needs the whole organization. */
@Component
public class OrganizationFile {

  private final Path file;

  OrganizationFile(@Value("${rectification.seeds.organization}") Path file) {
    this.file = file;
  }

  public Organization read() {
    return Organization.read(file);
  }
}
