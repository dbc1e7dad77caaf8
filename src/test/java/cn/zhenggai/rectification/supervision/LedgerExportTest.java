package cn.zhenggai.rectification.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The 佐证材料 cell of the ledger files. */
class LedgerExportTest {

  @Test
  void theFileNamesStandOneALine() {
    assertThat(LedgerExport.fileNames(List.of("会议记录.pdf", "现场照片.jpg"))).isEqualTo("会议记录.pdf\n现场照片.jpg");
    assertThat(LedgerExport.fileNames(List.of())).isEmpty();
  }

  @Test
  void namesBeyondWhatAnExcelCellHoldsEndWithHowManyFilesThereAre() {
    List<String> names = IntStream.rangeClosed(1, 2000).mapToObj(i -> "第" + i + "次专题学习会议记录及签到表.pdf").toList();

    String cell = LedgerExport.fileNames(names);

    assertThat(cell.length() + 1).as("room left for the ' of a neutralised cell").isLessThanOrEqualTo(32_767);
    assertThat(cell).startsWith("第1次专题学习会议记录及签到表.pdf\n第2次").endsWith("次专题学习会议记录及签到表.pdf\n……共 2000 个文件");
    assertThat(cell.split("\n")).as("whole names only").allMatch(line -> names.contains(line) || line.equals("……共 2000 个文件"));
  }
}
