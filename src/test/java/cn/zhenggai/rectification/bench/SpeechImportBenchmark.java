package cn.zhenggai.rectification.bench;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.bench.BenchmarkReport.Row;
import cn.zhenggai.rectification.organization.Organization;
import cn.zhenggai.rectification.speech.SpeechDraft;
import cn.zhenggai.rectification.speech.SpeechFile;
import cn.zhenggai.rectification.speech.SpeechImporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;

/**
 * Not a test: a benchmark, run with {@code ./mvnw verify -Pbenchmark -Dit.test=SpeechImportBenchmark}. A speech of
 * about 20,000 characters (the seed speech, then the test reports and the seed speech again as further parts) written
 * as a .docx with POI, read and drafted {@code bench.speechRuns} times (default 30) after 5 warm-up runs.
 */
class SpeechImportBenchmark {

  static final int RUNS = Integer.getInteger("bench.speechRuns", 30);
  static final int WARM_UP = 5;
  static final int SIZE = 20_000;
  static final double GOAL_MILLIS = 1000;

  @Test
  void readAndDraftATwentyThousandCharacterDocx() throws IOException {
    String load = BenchmarkReport.loadAverage();
    Organization organization = Organization.read(Path.of("seeds/organization.yaml"));
    String speech = speech();
    byte[] docx = docx(speech);
    SpeechImporter importer = new SpeechImporter();

    List<Double> millis = new ArrayList<>();
    SpeechDraft draft = null;
    for (int run = 0; run < WARM_UP + RUNS; run++) {
      long start = System.nanoTime();
      draft = importer.draft(SpeechFile.read("讲话.docx", docx, 10 * 1024 * 1024), organization);
      if (run >= WARM_UP) {
        millis.add((System.nanoTime() - start) / 1e6);
      }
    }
    assertThat(draft.problems()).hasSize(9);

    Collections.sort(millis);
    double median = millis.get(millis.size() / 2);
    double p90 = millis.get((int) Math.ceil(millis.size() * 0.9) - 1);
    List<Row> rows = List.of(
        Row.of("speech import: read + draft of a " + speech.length() + "-character .docx, median of " + RUNS, ms(median),
            "< 1 s", median < GOAL_MILLIS),
        Row.of("speech import: same, p90", ms(p90), "< 1 s", p90 < GOAL_MILLIS));
    String details = "SpeechFile.read (POI XWPF, " + docx.length / 1024 + " KB .docx of " + speech.lines().count()
        + " paragraphs) then SpeechImporter.draft with seeds/organization.yaml, in the test JVM, " + WARM_UP
        + " warm-up runs not counted; " + draft.problems().size() + " problems, each with up to 5 measures.\n";
    BenchmarkReport.publish("speech-import", "Speech import (SpeechImportBenchmark)", load, rows, details);
  }

  /** The seed speech first (its shortcomings are the part found), then other texts as long requirements. */
  private static String speech() throws IOException {
    List<Path> texts = List.of(Path.of("seeds/speech-2022-grassroots-party-building.txt"),
        Path.of("src/test/resources/speeches/inspection-feedback-education.txt"),
        Path.of("src/test/resources/speeches/audit-rectification-meeting.txt"),
        Path.of("src/test/resources/speeches/special-review-organization-life.txt"));
    StringBuilder speech = new StringBuilder();
    for (int i = 0; speech.length() < SIZE; i++) {
      speech.append(Files.readString(texts.get(i % texts.size())).strip()).append('\n');
    }
    return speech.toString();
  }

  private static byte[] docx(String speech) throws IOException {
    try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      speech.lines().forEach(line -> document.createParagraph().createRun().setText(line));
      document.write(out);
      return out.toByteArray();
    }
  }

  private static String ms(double millis) {
    return String.format(Locale.ROOT, "%.1f ms", millis);
  }
}
