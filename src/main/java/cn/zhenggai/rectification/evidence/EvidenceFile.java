package cn.zhenggai.rectification.evidence;

import cn.zhenggai.rectification.vocabulary.Stage;
import java.time.Instant;

/**
 * One evidence file (佐证材料) as stored: which unit item and task it came with, at which stage (制定整改方案 or
 * 落实整改), its name as the uploader's computer called it, the type found in its content, its size and SHA-256.
 *
 * @param caseKey {@code <round code>/<problem number>}
 * @param unitItem the unit process's business key, {@code <round code>/<problem number>/<unit id>}
 */
public record EvidenceFile(long id, String caseKey, String unitItem, String unitId, String roundCode, String taskId,
    Stage stage, String fileName, String contentType, long size, String sha256, String uploadedBy, Instant uploadedAt) {}
