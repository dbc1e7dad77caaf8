package cn.zhenggai.rectification.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * An upload's body, written to a temporary file as it arrives, with its size and SHA-256 worked out on the way: no
 * more of it is read than the limit and one byte, and the file is removed when closed, whatever happened.
 */
final class ReceivedFile implements AutoCloseable {

  private final Path path;
  private final long size;
  private final String sha256;

  private ReceivedFile(Path path, long size, String sha256) {
    this.path = path;
    this.size = size;
    this.sha256 = sha256;
  }

  /** Refused with 413, naming the file, past {@code maxBytes}; nothing of it is left on disk. */
  static ReceivedFile receive(InputStream body, long maxBytes, String name) throws IOException {
    Path path = Files.createTempFile("evidence-", ".upload");
    try {
      MessageDigest digest = newDigest();
      byte[] buffer = new byte[64 * 1024];
      long size = 0;
      try (OutputStream out = Files.newOutputStream(path)) {
        for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
          size += read;
          if (size > maxBytes) {
            throw tooLarge(name, maxBytes);
          }
          digest.update(buffer, 0, read);
          out.write(buffer, 0, read);
        }
      }
      return new ReceivedFile(path, size, HexFormat.of().formatHex(digest.digest()));
    } catch (IOException | RuntimeException failed) {
      Files.deleteIfExists(path);
      throw failed;
    }
  }

  static ResponseStatusException tooLarge(String name, long maxBytes) {
    return new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE,
        "文件“" + FileName.shown(name) + "”超过了单个文件 " + FileSize.megabytes(maxBytes) + " 的上限");
  }

  Path path() {
    return path;
  }

  long size() {
    return size;
  }

  String sha256() {
    return sha256;
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("could not remove the temporary file " + path, e);
    }
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
