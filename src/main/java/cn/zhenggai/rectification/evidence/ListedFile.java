package cn.zhenggai.rectification.evidence;

import java.time.Instant;

/**
 * One evidence file as it is listed to a person (the Tasklist panel, the case page, {@code /api/cases/{id}}): who
 * uploaded it, whether this person may still remove it, and the address that opens or downloads it.
 */
public record ListedFile(long id, String unitId, String unitName, String name, long size, String contentType, String stage,
    String stageName, String uploadedBy, String uploaderName, Instant uploadedAt, boolean removable, String url) {

  /** {@code 860 字节}, {@code 12.5 KB}, {@code 3.2 MB}. */
  public String sizeText() {
    return FileSize.shown(size);
  }
}
