package cn.zhenggai.rectification.evidence;

import cn.zhenggai.rectification.vocabulary.Stage;

/**
 * An open task of a case, as evidence sees it: a unit's task (its {@code item} set) or the case's own (确认问题销号,
 * no item).
 */
record TaskAtHand(String taskId, String caseKey, EvidenceItem item, Stage stage, String assignee) {

  /** Files are attached to a plan (制定整改方案) and to a completion report (落实整改), nowhere else. */
  boolean takesFiles() {
    return stage == Stage.DRAFT_PLAN || stage == Stage.RECTIFY;
  }
}
