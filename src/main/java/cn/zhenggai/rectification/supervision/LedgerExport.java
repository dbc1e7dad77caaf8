package cn.zhenggai.rectification.supervision;

import cn.zhenggai.rectification.casework.Ledger;
import cn.zhenggai.rectification.casework.LedgerFilter;
import cn.zhenggai.rectification.vocabulary.Colour;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.springframework.stereotype.Service;

/**
 * The ledger as the files organization departments hand on: Excel (streamed, a window of rows in memory) and CSV
 * (UTF-8 with a byte-order mark, so Excel reads the Chinese). Text that a spreadsheet would take for a formula is
 * neutralised. The 佐证材料 column holds the names of a unit item's evidence files, one a line. Under the title a line
 * with the legend of the 督办 colours; the 督办颜色 column names the colour (蓝 …), and in Excel its cell is filled with
 * it, in the legend's RGB.
 */
@Service
public class LedgerExport {

  static final List<String> COLUMNS = List.of(
      "序号", "问题类别", "问题描述", "整改措施", "责任单位", "责任人", "原定时限", "延期至", "延期次数", "整改进展", "完成情况",
      "佐证材料", "是否销号", "督办颜色", "逾期天数", "方案审批用时（天）", "回头看", "复号次数");
  /** Where 佐证材料 stands in {@link #COLUMNS}. */
  static final int EVIDENCE_COLUMN = COLUMNS.indexOf("佐证材料");
  /** Where 督办颜色 stands in {@link #COLUMNS}. */
  static final int COLOUR_COLUMN = COLUMNS.indexOf("督办颜色");
  /** The most text an Excel cell holds, less one for the ' that may neutralise it. */
  static final int CELL_LIMIT = 32_767 - 1;
  /** With several rounds in one file, this column follows 序号. */
  static final String ROUND_COLUMN = "整改批次";

  private final Ledger ledger;
  private final Legend legend;

  LedgerExport(Ledger ledger, Legend legend) {
    this.ledger = ledger;
    this.legend = legend;
  }

  /** The title line of both files: which rounds the ledger holds. */
  static String title(LedgerFilter filter) {
    return "整改台账（" + filter.rounds().title() + "）";
  }

  static List<String> columns(LedgerFilter filter) {
    List<String> columns = new ArrayList<>(COLUMNS);
    if (filter.rounds().several()) {
      columns.add(1, ROUND_COLUMN);
    }
    return columns;
  }

  /** The line under the title: what the colours mean. */
  String legendLine() {
    return "督办颜色：" + legend.text();
  }

  /** Sheet named after the round; a title line, the legend, the header, then the rows. */
  public void xlsx(LedgerFilter filter, OutputStream out) throws IOException {
    try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
      workbook.setCompressTempFiles(true);
      SXSSFSheet sheet = workbook.createSheet(WorkbookUtil.createSafeSheetName(filter.rounds().title()));
      CellStyle header = workbook.createCellStyle();
      Font bold = workbook.createFont();
      bold.setBold(true);
      header.setFont(bold);
      CellStyle wrapped = workbook.createCellStyle();
      wrapped.setWrapText(true);
      sheet.createRow(0).createCell(0).setCellValue(neutralised(title(filter)));
      sheet.getRow(0).getCell(0).setCellStyle(header);
      sheet.createRow(1).createCell(0).setCellValue(legendLine());
      Map<Colour, CellStyle> fills = fills(workbook);
      List<String> columns = columns(filter);
      Row first = sheet.createRow(2);
      for (int i = 0; i < columns.size(); i++) {
        first.createCell(i).setCellValue(columns.get(i));
        first.getCell(i).setCellStyle(header);
      }
      boolean several = filter.rounds().several();
      int evidence = EVIDENCE_COLUMN + (several ? 1 : 0);
      int colour = COLOUR_COLUMN + (several ? 1 : 0);
      sheet.setColumnWidth(evidence, 40 * 256);
      AtomicInteger number = new AtomicInteger();
      ledger.each(filter, row -> {
        int n = number.incrementAndGet();
        Row line = sheet.createRow(n + 2);
        List<Object> cells = cells(n, row, several);
        for (int i = 0; i < cells.size(); i++) {
          Object value = cells.get(i);
          if (value instanceof Number count) {
            line.createCell(i).setCellValue(count.doubleValue());
          } else {
            line.createCell(i).setCellValue(neutralised((String) value));
          }
        }
        line.getCell(evidence).setCellStyle(wrapped);
        if (row.colour() != Colour.NONE) {
          line.getCell(colour).setCellStyle(fills.get(row.colour()));
        }
      });
      workbook.write(out);
      workbook.dispose();
    }
  }

  public void csv(LedgerFilter filter, OutputStream out) throws IOException {
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    writer.write('\uFEFF');
    writer.write(line(List.of(title(filter))));
    writer.write(line(List.of(legendLine())));
    writer.write(line(columns(filter).stream().map(Object.class::cast).toList()));
    boolean several = filter.rounds().several();
    AtomicInteger number = new AtomicInteger();
    try {
      ledger.each(filter, row -> {
        try {
          writer.write(line(cells(number.incrementAndGet(), row, several)));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    writer.flush();
  }

  private static List<Object> cells(int number, Ledger.Row row, boolean several) {
    List<Object> cells = new ArrayList<>(List.of(
        number,
        row.category(),
        row.problemNumber() + " " + row.title() + "（原文：" + row.source() + "）",
        text(row.measures()),
        row.unitName(),
        text(row.responsiblePerson()),
        row.deadline().toString(),
        row.extension().text(),
        row.extension().count(),
        row.stageName(),
        text(row.progress()),
        fileNames(row.evidenceFiles()),
        row.closed() ? "是" : "否",
        row.colourName(),
        row.daysOverdue(),
        row.planDays() == null ? "" : row.planDays(),
        row.lookBack().text(),
        row.lookBack().reopenings()));
    if (several) {
      cells.add(1, row.roundName());
    }
    return cells;
  }

  /** One solid fill per colour of the legend, made once per file (a workbook holds a limited number of styles). */
  private Map<Colour, CellStyle> fills(SXSSFWorkbook workbook) {
    Map<Colour, CellStyle> fills = new EnumMap<>(Colour.class);
    for (Legend.Entry entry : legend.entries()) {
      CellStyle fill = workbook.createCellStyle();
      fill.setFillForegroundColor(new XSSFColor(entry.rgbBytes(), null));
      fill.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      fill.setAlignment(HorizontalAlignment.CENTER);
      fills.put(entry.colour(), fill);
    }
    return fills;
  }

  private static String line(List<Object> cells) {
    StringBuilder line = new StringBuilder();
    for (Object cell : cells) {
      if (!line.isEmpty()) {
        line.append(',');
      }
      String text = cell instanceof Number ? cell.toString() : neutralised((String) cell);
      line.append('"').append(text.replace("\"", "\"\"")).append('"');
    }
    return line.append("\r\n").toString();
  }

  /** A cell starting with = + - @ (or a tab or carriage return before them) is shown as text, never run. */
  static String neutralised(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    char first = text.charAt(0);
    return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
        ? "'" + text : text;
  }

  /** The names one a line; a list too long for one Excel cell ends with how many files there are in all. */
  static String fileNames(List<String> names) {
    String lines = String.join("\n", names);
    if (lines.length() <= CELL_LIMIT) {
      return lines;
    }
    String more = "\n……共 " + names.size() + " 个文件";
    return lines.substring(0, lines.lastIndexOf('\n', CELL_LIMIT - more.length() - 1)) + more;
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }
}
