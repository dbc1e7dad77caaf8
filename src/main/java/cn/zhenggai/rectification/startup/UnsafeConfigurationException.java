package cn.zhenggai.rectification.startup;

/** A production start that would leave the door open (demo passwords, no administrator password). */
class UnsafeConfigurationException extends RuntimeException {

  UnsafeConfigurationException(String message) {
    super(message);
  }
}
