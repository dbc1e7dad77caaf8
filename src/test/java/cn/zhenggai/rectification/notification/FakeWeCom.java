package cn.zhenggai.rectification.notification;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WeCom's group robot as the tests need it ({@code POST /cgi-bin/webhook/send?key=}): a key it does not know is
 * refused (errcode 93000, as WeCom answers an invalid webhook), more than 20 messages a minute too (errcode 45009).
 */
public final class FakeWeCom extends FakeRobotServer {

  private final Set<String> keys = ConcurrentHashMap.newKeySet();

  public FakeWeCom() {
    super("/cgi-bin/webhook/send");
  }

  public FakeWeCom robot(String key) {
    keys.add(key);
    return this;
  }

  @Override
  String check(Map<String, String> query, Instant now) throws Refusal {
    String key = query.getOrDefault("key", "");
    if (!keys.contains(key)) {
      throw new Refusal(93000, "invalid webhook url");
    }
    return key;
  }

  @Override
  Refusal tooFast() {
    return new Refusal(45009, "api freq out of limit");
  }
}
