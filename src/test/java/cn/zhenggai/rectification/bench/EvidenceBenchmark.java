package cn.zhenggai.rectification.bench;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.bench.BenchmarkReport.Row;
import cn.zhenggai.rectification.evidence.EvidenceSession;
import cn.zhenggai.rectification.evidence.EvidenceUploads;
import cn.zhenggai.rectification.security.Viewer;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Not a test: a benchmark, run with {@code ./mvnw verify -Pbenchmark}, where the test JVM (the application in it) has
 * a heap of 256 MB. Evidence files over HTTP on loopback, sent as Tasklist's panel sends them (the file as the body,
 * read from disk as it goes out): one 20 MB file at a time ({@code bench.evidenceRuns}, default 3; goal under 2 s),
 * ten at once (goal: all stored within the heap), and the zip of a case with {@code bench.zipFiles} files of 1 MB
 * (default 100), read as it streams, beside a plain copy of as many bytes on the same disk. Files are random bytes
 * behind a PDF header: nothing compresses them, each is its own. The limit per item is raised for the benchmark.
 */
@TestPropertySource(properties = "rectification.evidence.max-per-item=2GB")
class EvidenceBenchmark extends PostgresApplicationTest {

  static final int MB = 1024 * 1024;
  static final int RUNS = Integer.getInteger("bench.evidenceRuns", 3);
  static final int PARALLEL = 10;
  static final int ZIP_FILES = Integer.getInteger("bench.zipFiles", 100);
  static final double GOAL_SECONDS = 2;

  @Autowired ProcessEngine engine;
  @Autowired EvidenceUploads uploads;
  @LocalServerPort int port;

  @Test
  void uploadsOfTwentyMegabytesAndTheZipOfACase() throws Exception {
    String load = BenchmarkReport.loadAverage();
    Path folder = Files.createDirectories(BenchmarkReport.DIR.resolve("evidence-files"));
    EvidenceSession secretary = EvidenceSession.signIn(port, "sec-chengguan");
    Task task = draft("1.1");

    List<Double> single = new ArrayList<>();
    for (int run = 1; run <= RUNS; run++) {
      Path file = pdf(folder.resolve("single-" + run + ".pdf"), 20, run);
      long start = System.nanoTime();
      HttpResponse<byte[]> stored = secretary.upload(task.getId(), "扫描件-" + run + ".pdf", file);
      single.add(BenchmarkReport.secondsSince(start));
      assertThat(stored.statusCode()).as(secretary.text(stored)).isEqualTo(201);
      Files.delete(file);
    }
    Collections.sort(single);
    double median = single.get(single.size() / 2);

    List<Path> files = new ArrayList<>();
    for (int i = 0; i < PARALLEL; i++) {
      files.add(pdf(folder.resolve("parallel-" + i + ".pdf"), 20, 100 + i));
    }
    System.gc();
    HeapSampler heap = new HeapSampler();
    heap.start();
    ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
    long start = System.nanoTime();
    List<Future<Integer>> answers = new ArrayList<>();
    for (int i = 0; i < PARALLEL; i++) {
      Path file = files.get(i);
      String name = "同时上传-" + i + ".pdf";
      answers.add(pool.submit(() -> secretary.upload(task.getId(), name, file).statusCode()));
    }
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> answer : answers) {
      statuses.add(answer.get());
    }
    double parallelSeconds = BenchmarkReport.secondsSince(start);
    pool.shutdown();
    long peakHeap = heap.largestUntilNow();
    long maxHeap = Runtime.getRuntime().maxMemory();
    boolean allStored = statuses.stream().allMatch(status -> status == 201);
    for (Path file : files) {
      Files.delete(file);
    }

    Task zipped = draft("2.1");
    Viewer uploader = new Viewer("sec-chengguan", Set.of("street-chengguan"), false);
    for (int i = 0; i < ZIP_FILES; i++) {
      int seed = 1000 + i;
      try (InputStream content = randomPdf(MB, seed)) {
        uploads.upload(zipped.getId(), uploader, "现场照片-" + i + ".pdf", MB, content);
      }
    }
    EvidenceSession supervisor = EvidenceSession.signIn(port, "sup-orgdept");
    start = System.nanoTime();
    HttpResponse<InputStream> zip = supervisor.stream("/evidence/cases/" + DemoRound.CODE + "/2.1.zip");
    double firstByte;
    long zipBytes;
    try (InputStream body = zip.body()) {
      int first = body.read();
      firstByte = BenchmarkReport.secondsSince(start);
      zipBytes = (first < 0 ? 0 : 1) + body.transferTo(OutputStream.nullOutputStream());
    }
    double zipSeconds = BenchmarkReport.secondsSince(start);
    assertThat(zip.statusCode()).isEqualTo(200);
    Path disk = pdf(folder.resolve("disk.bin"), ZIP_FILES, 7);
    long copyStart = System.nanoTime();
    Files.copy(disk, folder.resolve("disk-copy.bin"));
    double diskSeconds = BenchmarkReport.secondsSince(copyStart);
    Files.delete(disk);
    Files.delete(folder.resolve("disk-copy.bin"));

    double zipMegabytes = zipBytes / (double) MB;
    double zipRate = zipMegabytes / zipSeconds;
    double diskRate = ZIP_FILES / diskSeconds;
    BenchmarkReport.publish("evidence", "Evidence files (EvidenceBenchmark)", load, List.of(
        Row.of("upload of one 20 MB file over loopback, median of " + RUNS, BenchmarkReport.seconds(median),
            "< " + (int) GOAL_SECONDS + " s", median < GOAL_SECONDS),
        Row.of(PARALLEL + " uploads of 20 MB at once, heap capped at " + maxHeap / MB + " MB",
            statuses.stream().filter(status -> status == 201).count() + " of " + PARALLEL + " stored in "
                + BenchmarkReport.seconds(parallelSeconds) + ", peak heap " + peakHeap / MB + " MB",
            "all stored", allStored),
        Row.of("zip of a case's " + ZIP_FILES + " files (" + String.format(Locale.ROOT, "%.0f", zipMegabytes) + " MB) streamed",
            String.format(Locale.ROOT, "%.0f MB/s, first byte after %.0f ms", zipRate, firstByte * 1000),
            "disk speed (≥ 0.8 × the copy below)", zipRate >= 0.8 * diskRate),
        Row.info("the same number of bytes copied on the same disk (Files.copy)",
            String.format(Locale.ROOT, "%.0f MB/s (zip ÷ copy %.2f)", diskRate, zipRate / diskRate))),
        "Uploads: the file read from disk as it is sent, with its length, to /evidence/tasks/{id}/files, as the panel in "
            + "Tasklist sends it; the server streams it to a temporary file (SHA-256 and type on the way) and into the "
            + "database in 1 MiB pieces, one transaction per file. One at a time: " + single.stream().map(BenchmarkReport::seconds)
            .toList() + ". The peak heap is the largest heap in use (garbage included) sampled every 5 ms while the " + PARALLEL
            + " uploads ran, client and server together. The zip is read by the client as it arrives, each file's pieces "
            + "read one at a time from PostgreSQL and copied into it uncompressed (the files are compressed already).");
  }

  /** The heap in use, sampled until stopped: its largest value. */
  private static final class HeapSampler extends Thread {
    private volatile boolean running = true;
    private long largest;

    HeapSampler() {
      setDaemon(true);
    }

    @Override
    public void run() {
      while (running) {
        largest = Math.max(largest, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        LockSupport.parkNanos(5_000_000);
      }
    }

    long largestUntilNow() throws InterruptedException {
      running = false;
      join();
      return largest;
    }
  }

  private Task draft(String problem) {
    return engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(UnitRectificationProcess.businessKey(DemoRound.key(problem), "street-chengguan"))
        .singleResult();
  }

  /** {@code megabytes} MB of random bytes behind a PDF header, written a megabyte at a time. */
  private static Path pdf(Path file, int megabytes, int seed) {
    try (InputStream content = randomPdf((long) megabytes * MB, seed)) {
      Files.copy(content, file);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream randomPdf(long length, int seed) {
    Random random = new Random(seed);
    return new InputStream() {
      long position;

      @Override
      public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] buffer, int offset, int wanted) {
        if (position >= length) {
          return -1;
        }
        int count = (int) Math.min(wanted, length - position);
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        System.arraycopy(bytes, 0, buffer, offset, count);
        if (position == 0) {
          byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
          System.arraycopy(header, 0, buffer, offset, Math.min(header.length, count));
        }
        position += count;
        return count;
      }
    };
  }
}
