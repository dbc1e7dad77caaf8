package cn.zhenggai.rectification.evidence;

import java.util.List;

/**
 * A task's evidence as the Tasklist panel shows it ({@code GET /evidence/tasks/{taskId}}).
 *
 * @param unitItem the unit item of a unit's task; null for the case's own task (确认问题销号), which lists every unit's
 * @param stage the task's stage
 * @param canUpload whether this person may add files now
 * @param required whether completing this task needs a file of its stage
 * @param allowed the accepted types, as people call them
 */
record TaskEvidence(String taskId, String unitItem, String caseKey, String stage, boolean canUpload, boolean required,
    long maxFileBytes, long maxItemBytes, long usedItemBytes, String allowed, List<ListedFile> files) {}
