package cn.zhenggai.rectification.evidence;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/** Real files of every kind the evidence upload meets, made here (POI, ImageIO, zip) rather than kept as fixtures. */
public final class SampleFiles {

  private SampleFiles() {}

  /** A small but complete PDF (one empty page); {@code note} makes its bytes its own. */
  public static byte[] pdf(String note) {
    String objects = "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        + "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n";
    return ("%PDF-1.4\n% " + note + "\n" + objects + "trailer << /Root 1 0 R >>\n%%EOF\n").getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] docx(String text) {
    try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      document.createParagraph().createRun().setText(text);
      document.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] xlsx(String text) {
    return workbook(new XSSFWorkbook(), text);
  }

  /** Excel 97-2003 (.xls), as POI's HSSF writes it. */
  public static byte[] xls(String text) {
    return workbook(new HSSFWorkbook(), text);
  }

  private static byte[] workbook(Workbook workbook, String text) {
    try (workbook; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      workbook.createSheet("整改台账").createRow(0).createCell(0).setCellValue(text);
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An OLE2 compound file with a WordDocument stream, as Word 97-2003 and WPS 文字 keep their text. */
  public static byte[] doc(String text) {
    return ole2("WordDocument", text);
  }

  /** An OLE2 compound file without any stream a document keeps (a PowerPoint 97-2003 file, say). */
  public static byte[] otherOle2() {
    return ole2("PowerPoint Document", "幻灯片");
  }

  private static byte[] ole2(String stream, String text) {
    try (POIFSFileSystem ole2 = new POIFSFileSystem(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      byte[] body = new byte[4096];
      byte[] bytes = text.getBytes(StandardCharsets.UTF_16LE);
      System.arraycopy(bytes, 0, body, 0, Math.min(bytes.length, body.length));
      ole2.createDocument(new ByteArrayInputStream(body), stream);
      ole2.writeFilesystem(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An OFD (GB/T 33190) package: a zip with OFD.xml at its root. */
  public static byte[] ofd() {
    return zip("OFD.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\""
        + " Version=\"1.0\" DocType=\"OFD\"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        "Doc_0/Document.xml", "<ofd:Document xmlns:ofd=\"http://www.ofdspec.org/2016\"/>");
  }

  /** A zip of a text file: neither Word nor Excel nor OFD. */
  public static byte[] plainZip() {
    return zip("说明.txt", "压缩包里的文字", "照片/readme.txt", "x");
  }

  private static byte[] zip(String... namesAndTexts) {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(out)) {
      for (int i = 0; i < namesAndTexts.length; i += 2) {
        zip.putNextEntry(new ZipEntry(namesAndTexts[i]));
        zip.write(namesAndTexts[i + 1].getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
      zip.finish();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] jpeg() {
    return image("jpeg");
  }

  public static byte[] png() {
    return image("png");
  }

  private static byte[] image(String format) {
    BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
    image.getGraphics().fillRect(5, 5, 20, 10);
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      ImageIO.write(image, format, out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] text(String text, Charset charset) {
    return text.getBytes(charset);
  }

  /** The start of a Windows program: "MZ", the DOS stub, the PE header it points to. */
  public static byte[] program() {
    byte[] exe = new byte[1024];
    exe[0] = 'M';
    exe[1] = 'Z';
    exe[0x3c] = (byte) 0x80;
    exe[0x80] = 'P';
    exe[0x81] = 'E';
    byte[] stub = "This program cannot be run in DOS mode.".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(stub, 0, exe, 0x4e, stub.length);
    return exe;
  }

  public static byte[] htmlWithScript() {
    return "<!DOCTYPE html>\n<html><head><title>通知</title></head><body><script>alert(document.cookie)</script></body></html>\n"
        .getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] svgWithScript() {
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
        + "<script>alert(document.cookie)</script><rect width=\"10\" height=\"10\"/></svg>\n").getBytes(StandardCharsets.UTF_8);
  }
}
