package cn.zhenggai.rectification.notification;

/** A robot or SMS endpoint did not take a message: unreachable, an HTTP error, or an answer with an error code. */
class DeliveryFailure extends Exception {

  DeliveryFailure(String message) {
    super(message);
  }

  DeliveryFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
