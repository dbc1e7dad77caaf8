package cn.zhenggai.rectification.evidence;

import cn.zhenggai.rectification.vocabulary.Stage;

/** A file about to be stored: everything of {@link EvidenceFile} but the id and the time, which the store gives it. */
public record NewEvidence(EvidenceItem item, String taskId, Stage stage, String fileName, String contentType, long size,
    String sha256, String uploadedBy) {}
