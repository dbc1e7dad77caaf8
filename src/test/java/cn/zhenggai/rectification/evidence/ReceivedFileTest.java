package cn.zhenggai.rectification.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.springframework.web.server.ResponseStatusException;

/** An upload's body on its way to the store: counted, checksummed, stopped at the limit, removed whatever happens. */
class ReceivedFileTest {

  @Test
  void theBodyIsKeptWithItsSizeAndChecksumUntilClosed() throws Exception {
    byte[] pdf = SampleFiles.pdf("收到的文件");
    Path path;

    try (ReceivedFile received = ReceivedFile.receive(new ByteArrayInputStream(pdf), 1024, "会议记录.pdf")) {
      path = received.path();
      assertThat(Files.readAllBytes(path)).isEqualTo(pdf);
      assertThat(received.size()).isEqualTo(pdf.length);
      assertThat(received.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf)));
    }

    assertThat(path).doesNotExist();
  }

  @Test
  void aBodyOverTheLimitIsStoppedThereAndLeavesNothing() throws IOException {
    CountingStream endless = new CountingStream();
    long before = temporaryFiles();

    assertThatThrownBy(() -> ReceivedFile.receive(endless, 20L * 1024 * 1024, "全县录像.pdf"))
        .isInstanceOf(ResponseStatusException.class)
        .hasMessageContaining("文件“全县录像.pdf”超过了单个文件 20 MB 的上限");

    assertThat(endless.read).as("read no further than the limit and one buffer").isLessThan(20L * 1024 * 1024 + 64 * 1024 + 1);
    assertThat(temporaryFiles()).isEqualTo(before);
  }

  @Test
  void aBodyBrokenOffLeavesNothing() throws IOException {
    long before = temporaryFiles();
    InputStream broken = new InputStream() {
      int left = 100_000;

      @Override
      public int read() throws IOException {
        if (left-- <= 0) {
          throw new IOException("connection reset by the browser");
        }
        return 'x';
      }
    };

    assertThatThrownBy(() -> ReceivedFile.receive(broken, 1024 * 1024, "a.txt")).isInstanceOf(IOException.class);
    assertThat(temporaryFiles()).isEqualTo(before);
  }

  private static long temporaryFiles() throws IOException {
    try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(file -> file.getFileName().toString().startsWith("evidence-")).count();
    }
  }

  /** Zeros for ever, counting what was read. */
  private static final class CountingStream extends InputStream {
    long read;

    @Override
    public int read() {
      read++;
      return 0;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      read += length;
      return length;
    }
  }
}
