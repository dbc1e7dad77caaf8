package cn.zhenggai.rectification.rounds;

import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Rounds' settings.
 *
 * @param kinds what kinds of round there are (述职评议, 巡察反馈…), each with the letters of its default code
 * @param maxUpload the largest speech or report file accepted for import
 * @param managers the groups whose members create, edit, publish, amend and close rounds (the organization department)
 */
@ConfigurationProperties("rectification.rounds")
public record RoundProperties(List<Kind> kinds, DataSize maxUpload, List<String> managers) {

  public record Kind(String name, String code) {}

  public RoundProperties {
    kinds = kinds == null ? List.of() : List.copyOf(kinds);
    maxUpload = maxUpload == null ? DataSize.ofMegabytes(5) : maxUpload;
    managers = managers == null ? List.of() : List.copyOf(managers);
  }

  public Optional<Kind> kind(String name) {
    return kinds.stream().filter(kind -> kind.name().equals(name)).findFirst();
  }
}
