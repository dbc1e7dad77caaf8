package cn.zhenggai.rectification.evidence;

import cn.zhenggai.rectification.vocabulary.EngineClock;
import cn.zhenggai.rectification.vocabulary.Stage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Evidence in the application's database: the description in {@code evidence_file}, the content in
 * {@code evidence_chunk}, 1 MiB a row, written and read one piece at a time.
 */
@Repository
class JdbcEvidenceStore implements EvidenceStore {

  static final int CHUNK_BYTES = 1024 * 1024;

  private static final String COLUMNS = "id, round_code, case_key, unit_item, unit_id, task_id, stage, file_name,"
      + " content_type, size_bytes, sha256, uploaded_by, uploaded_at";

  private final JdbcTemplate jdbc;
  private final NamedParameterJdbcTemplate named;
  private final TransactionTemplate transaction;

  JdbcEvidenceStore(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.named = new NamedParameterJdbcTemplate(jdbc);
    this.transaction = new TransactionTemplate(transactions);
  }

  @Override
  public EvidenceFile add(NewEvidence evidence, Path content) {
    try {
      return transaction.execute(status -> {
        long id = insertFile(evidence);
        insertChunks(id, content);
        return find(id).orElseThrow();
      });
    } catch (DuplicateKeyException raced) {
      throw new SameContentOnItem(evidence.item().unitItem());
    }
  }

  private long insertFile(NewEvidence evidence) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      PreparedStatement insert = connection.prepareStatement("insert into evidence_file (round_code, case_key,"
          + " unit_item, unit_id, task_id, stage, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at)"
          + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
      insert.setString(1, evidence.item().roundCode());
      insert.setString(2, evidence.item().caseKey());
      insert.setString(3, evidence.item().unitItem());
      insert.setString(4, evidence.item().unitId());
      insert.setString(5, evidence.taskId());
      insert.setString(6, evidence.stage().name());
      insert.setString(7, evidence.fileName());
      insert.setString(8, evidence.contentType());
      insert.setLong(9, evidence.size());
      insert.setString(10, evidence.sha256());
      insert.setString(11, evidence.uploadedBy());
      insert.setTimestamp(12, EngineClock.timestamp());
      return insert;
    }, key);
    return key.getKey().longValue();
  }

  private void insertChunks(long id, Path content) {
    byte[] chunk = new byte[CHUNK_BYTES];
    try (InputStream in = Files.newInputStream(content)) {
      int seq = 0;
      for (int read = in.readNBytes(chunk, 0, CHUNK_BYTES); read > 0; read = in.readNBytes(chunk, 0, CHUNK_BYTES)) {
        byte[] bytes = read == CHUNK_BYTES ? chunk : Arrays.copyOf(chunk, read);
        jdbc.update("insert into evidence_chunk (file_id, seq, bytes) values (?, ?, ?)", id, seq++, bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the received file " + content, e);
    }
  }

  @Override
  public Optional<EvidenceFile> find(long id) {
    return jdbc.query("select " + COLUMNS + " from evidence_file where id = ?", JdbcEvidenceStore::file, id)
        .stream().findFirst();
  }

  @Override
  public List<EvidenceFile> ofCase(String caseKey) {
    return jdbc.query("select " + COLUMNS + " from evidence_file where case_key = ? order by unit_id, stage, uploaded_at, id",
        JdbcEvidenceStore::file, caseKey);
  }

  @Override
  public List<EvidenceFile> ofUnitItem(String unitItem) {
    return jdbc.query("select " + COLUMNS + " from evidence_file where unit_item = ? order by stage, uploaded_at, id",
        JdbcEvidenceStore::file, unitItem);
  }

  @Override
  public Map<String, List<String>> fileNamesByUnitItem(Collection<String> unitItems) {
    Map<String, List<String>> names = new LinkedHashMap<>();
    if (unitItems.isEmpty()) {
      return names;
    }
    named.query("select unit_item, file_name from evidence_file where unit_item in (:items) order by unit_item, uploaded_at, id",
        Map.of("items", unitItems),
        (ResultSet rs) -> {
          names.computeIfAbsent(rs.getString("unit_item"), item -> new ArrayList<>()).add(rs.getString("file_name"));
        });
    return names;
  }

  @Override
  public long countOnItem(String unitItem, Stage stage) {
    Long count = jdbc.queryForObject("select count(*) from evidence_file where unit_item = ? and stage = ?", Long.class,
        unitItem, stage.name());
    return count == null ? 0 : count;
  }

  @Override
  public long bytesOnItem(String unitItem) {
    Long bytes = jdbc.queryForObject("select coalesce(sum(size_bytes), 0) from evidence_file where unit_item = ?",
        Long.class, unitItem);
    return bytes == null ? 0 : bytes;
  }

  @Override
  public Optional<EvidenceFile> sameContent(String unitItem, String sha256) {
    return jdbc.query("select " + COLUMNS + " from evidence_file where unit_item = ? and sha256 = ?",
        JdbcEvidenceStore::file, unitItem, sha256).stream().findFirst();
  }

  @Override
  public void copyContent(long id, OutputStream out) throws IOException {
    Integer chunks = jdbc.queryForObject("select count(*) from evidence_chunk where file_id = ?", Integer.class, id);
    for (int seq = 0; chunks != null && seq < chunks; seq++) {
      out.write(jdbc.queryForObject("select bytes from evidence_chunk where file_id = ? and seq = ?", byte[].class, id, seq));
    }
  }

  @Override
  public void remove(long id) {
    transaction.executeWithoutResult(status -> {
      jdbc.update("delete from evidence_chunk where file_id = ?", id);
      jdbc.update("delete from evidence_file where id = ?", id);
    });
  }

  private static EvidenceFile file(ResultSet rs, int row) throws SQLException {
    Timestamp uploadedAt = rs.getTimestamp("uploaded_at");
    return new EvidenceFile(rs.getLong("id"), rs.getString("case_key"), rs.getString("unit_item"), rs.getString("unit_id"),
        rs.getString("round_code"), rs.getString("task_id"), Stage.valueOf(rs.getString("stage")),
        rs.getString("file_name"), rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
        rs.getString("uploaded_by"), uploadedAt.toInstant());
  }
}
