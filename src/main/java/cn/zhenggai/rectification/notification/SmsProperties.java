package cn.zhenggai.rectification.notification;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The SMS provider (Aliyun SMS). Without an AccessKey id no SMS is sent: a person who chose SMS has their notices
 * recorded as not sent.
 *
 * @param endpoint the API, https://dysmsapi.aliyuncs.com (or a private deployment's)
 * @param regionId Aliyun's region, cn-hangzhou
 * @param accessKeyId and {@code accessKeySecret}: from the environment only (RECTIFICATION_SMS_ACCESS_KEY_ID …)
 * @param signName the approved sign name (短信签名)
 * @param templateCode the approved template (短信模板) with the variables kind, unit, problem, stage, when and link
 * @param timeout how long the provider may take to answer
 */
@ConfigurationProperties("rectification.sms")
public record SmsProperties(URI endpoint, String regionId, String accessKeyId, String accessKeySecret, String signName,
    String templateCode, Duration timeout) {

  /** Never the AccessKey secret itself: this may end up in a log. */
  @Override
  public String toString() {
    return "SmsProperties[endpoint=" + endpoint + ", accessKeyId=" + accessKeyId + ", accessKeySecret="
        + Secrets.mask(accessKeySecret) + ", signName=" + signName + ", templateCode=" + templateCode + "]";
  }
}
