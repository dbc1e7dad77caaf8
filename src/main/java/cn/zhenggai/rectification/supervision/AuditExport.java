package cn.zhenggai.rectification.supervision;

import cn.zhenggai.rectification.audit.AuditFilter;
import cn.zhenggai.rectification.audit.AuditQuery;
import cn.zhenggai.rectification.audit.AuditRecord;
import cn.zhenggai.rectification.vocabulary.DeadlineProperties;
import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.stereotype.Service;

/**
 * The audit trail as an Excel file for the discipline commission: a title line naming the filter, the header, then
 * one row per entry, newest first, as the page lists them; streamed (a window of rows in memory), formulas
 * neutralised as in the ledger.
 */
@Service
class AuditExport {

  static final List<String> COLUMNS = List.of("序号", "时间", "操作人", "账号", "地址", "操作", "问题", "单位", "对象", "详情");
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final AuditQuery audit;
  private final ZoneId zone;

  AuditExport(AuditQuery audit, DeadlineProperties deadlines) {
    this.audit = audit;
    this.zone = deadlines.timeZone();
  }

  static String title(AuditFilter filter) {
    return "审计记录（" + filter.title() + "）";
  }

  /** The cells of one entry after its number, as the page shows them. */
  List<String> cells(AuditRecord entry) {
    return List.of(TIME.format(entry.occurredAt().atZone(zone)), text(entry.actorName()), text(entry.actorId()),
        text(entry.address()), entry.actionName(), text(entry.problemId()), text(entry.unitId()), text(entry.target()),
        text(entry.detail()));
  }

  void xlsx(AuditFilter filter, OutputStream out) throws IOException {
    try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
      workbook.setCompressTempFiles(true);
      SXSSFSheet sheet = workbook.createSheet("审计记录");
      CellStyle header = workbook.createCellStyle();
      Font bold = workbook.createFont();
      bold.setBold(true);
      header.setFont(bold);
      sheet.createRow(0).createCell(0).setCellValue(LedgerExport.neutralised(title(filter)));
      sheet.getRow(0).getCell(0).setCellStyle(header);
      Row first = sheet.createRow(1);
      for (int i = 0; i < COLUMNS.size(); i++) {
        first.createCell(i).setCellValue(COLUMNS.get(i));
        first.getCell(i).setCellStyle(header);
      }
      sheet.setColumnWidth(COLUMNS.indexOf("详情"), 60 * 256);
      AtomicInteger number = new AtomicInteger();
      audit.each(filter, entry -> {
        int n = number.incrementAndGet();
        Row line = sheet.createRow(n + 1);
        line.createCell(0).setCellValue(n);
        List<String> cells = cells(entry);
        for (int i = 0; i < cells.size(); i++) {
          line.createCell(i + 1).setCellValue(LedgerExport.neutralised(cells.get(i)));
        }
      });
      workbook.write(out);
      workbook.dispose();
    }
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }
}
