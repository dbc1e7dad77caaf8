package cn.zhenggai.rectification.evidence;

/**
 * A unit's share of a case, where evidence is kept: named by the unit process's business key
 * {@code <round code>/<problem number>/<unit id>}.
 */
public record EvidenceItem(String roundCode, String caseKey, String unitId) {

  /** {@code 2022-SZPY/1.1/street-chengguan} → round 2022-SZPY, case 2022-SZPY/1.1, unit street-chengguan. */
  public static EvidenceItem of(String unitItem) {
    int unit = unitItem.lastIndexOf('/');
    int round = unitItem.indexOf('/');
    if (round <= 0 || unit <= round) {
      throw new IllegalArgumentException("not a unit item: " + unitItem);
    }
    return new EvidenceItem(unitItem.substring(0, round), unitItem.substring(0, unit), unitItem.substring(unit + 1));
  }

  public String unitItem() {
    return caseKey + "/" + unitId;
  }
}
