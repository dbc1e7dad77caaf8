package cn.zhenggai.rectification.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A migration that has landed is never edited: Flyway refuses to start on every database that applied the old text
 * (checksum mismatch), so a county could not upgrade. Changes go into a new migration; add a migration here once it
 * has landed.
 */
class LandedMigrationsTest {

  static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

  /** File → SHA-256 of the text that landed. */
  static final Map<String, String> LANDED = Map.ofEntries(
      Map.entry("V1__case_register.sql", "9722170b3258440216e6e89f28eb6e9823ad20c4958841ea209b679c469cfade"),
      Map.entry("V2__notifications.sql", "404f6391568804a3b65497b8ac97b39b02a3baefe6b90a91c195b8f67f5db904"),
      Map.entry("V3__ledger.sql", "b60ca66ec49042b708683e150a3a9eee1fe49f7f96311683d3ac6e4256ed4256"),
      Map.entry("V4__seeding_lock.sql", "a3910f87e539c0d059ca9f3c9f6db2c27b3c942e28a746a8caa118a4b0c4b98f"),
      Map.entry("V5__ledger_order.sql", "b206e67ab6ee057db912ae42dc701b15c22029e6b3406c7f6a5024db69b3aaff"),
      Map.entry("V6__register_task_index.sql", "3001cd579bd5984476f18c643c6b5a35832fc89ff86d36963671753c28d3d6e3"),
      Map.entry("V7__sign_in_throttle.sql", "c39900bb6e59dbccf52ed85fa68653d34f2e4bf70651c27384a300dec4442b6a"),
      Map.entry("V8__plan_approved_at.sql", "7c3dba2d7c8cdc5f75c30a122f1a6055373d62d4e3cfd9743fee5dfd4671dec5"),
      Map.entry("V9__rounds.sql", "f8de7b1f27c1e1edaf14adb4481780f8757a7ece5ae70680c1b653fb858a6235"),
      Map.entry("V12__Evidence_files.sql", "73cc95ec47d67539ce1a17423a30e1cb8c7813ae0463fdab9c2993d60074d044"),
      Map.entry("V13__Reminders_extensions_look_backs.sql", "201e55e8f96f242bb6a62e6a48a020fc51f894b9251ce2ccef75d21abd7a74db"),
      Map.entry("V14__Notice_channels.sql", "0817c3f2aa1c0e3aa513296124263d45e6cf3e62e6c06933ff201e5a6b9e096d"),
      Map.entry("V15__Audit_trail.sql", "03c6965159f9172e3b46b61caf4d41f6c5aad996b4ec8f2fc7e6885a9b227acf"),
      Map.entry("V16__Case_end.sql", "e81870417aaf764d4129f725fd960a2ae31df605ed0374f0e7e2352f14212fa2"));

  @Test
  void landedMigrationsAreUnchanged() throws IOException, NoSuchAlgorithmException {
    Map<String, String> now = new TreeMap<>();
    for (String file : LANDED.keySet()) {
      now.put(file, HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(MIGRATIONS.resolve(file)))));
    }
    assertThat(now).as("landed migrations (write a new one instead)").isEqualTo(new TreeMap<>(LANDED));
  }
}
