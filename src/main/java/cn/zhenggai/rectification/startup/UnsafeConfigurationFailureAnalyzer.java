package cn.zhenggai.rectification.startup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** One readable start-up message for a refused production configuration. */
class UnsafeConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<UnsafeConfigurationException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, UnsafeConfigurationException cause) {
    return new FailureAnalysis("生产配置不安全，拒绝启动：" + cause.getMessage(), "按上述提示修改配置后重新启动（见 README 的“安全”一节）。", cause);
  }
}
