package cn.zhenggai.rectification.startup;

import cn.zhenggai.rectification.organization.SeedFileException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a broken seed file into one readable start-up message instead of a stack trace. */
class SeedFailureAnalyzer extends AbstractFailureAnalyzer<SeedFileException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, SeedFileException cause) {
    return new FailureAnalysis(
        "种子文件有误，未启动任何整改案件：\n" + cause.getMessage(),
        "请按上述提示修改种子文件后重新启动。",
        cause);
  }
}
