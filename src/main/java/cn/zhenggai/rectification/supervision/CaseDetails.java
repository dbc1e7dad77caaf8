package cn.zhenggai.rectification.supervision;

import cn.zhenggai.rectification.casework.CaseQueries.CaseSummary;
import cn.zhenggai.rectification.casework.CaseQueries.UnitCase;
import cn.zhenggai.rectification.casework.CaseQueries;
import cn.zhenggai.rectification.casework.CaseTimeline;
import cn.zhenggai.rectification.evidence.EvidenceListing;
import cn.zhenggai.rectification.evidence.ListedFile;
import cn.zhenggai.rectification.notification.NoticeRecords.NoticeRecord;
import cn.zhenggai.rectification.notification.NoticeRecords;
import cn.zhenggai.rectification.security.Viewer;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * A case as the case page and {@code /api/cases/{id}} show it: the register's record, the notices sent about it and
 * the evidence files of its units.
 */
@Service
class CaseDetails {

  record CaseDetail(
      CaseSummary summary,
      String source,
      List<String> supervisors,
      String processInstanceId,
      List<UnitCase> units,
      List<CaseTimeline.Event> timeline,
      List<NoticeRecord> notifications,
      List<ListedFile> evidence) {

    /** The evidence files of one unit, plan before report. */
    public List<ListedFile> evidenceOf(String unitId) {
      return evidence.stream().filter(file -> file.unitId().equals(unitId)).toList();
    }
  }

  private final CaseQueries cases;
  private final NoticeRecords notices;
  private final EvidenceListing evidence;

  CaseDetails(CaseQueries cases, NoticeRecords notices, EvidenceListing evidence) {
    this.cases = cases;
    this.notices = notices;
    this.evidence = evidence;
  }

  /** The problem with what the viewer may see of it; empty where the viewer may see none of it. */
  Optional<CaseDetail> one(String problemId, Viewer viewer) {
    return cases.one(problemId, viewer).map(found -> new CaseDetail(
        found.summary(), found.source(), found.supervisors(), found.processInstanceId(), found.units(), found.timeline(),
        notices.ofProblem(problemId).stream()
            .filter(notice -> notice.unitId() == null ? viewer.readsEverything() : viewer.sees(notice.unitId()))
            .toList(),
        evidence.inCase(problemId, viewer)));
  }
}
