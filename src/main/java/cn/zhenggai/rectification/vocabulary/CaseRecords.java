package cn.zhenggai.rectification.vocabulary;

import java.util.Collection;

/**
 * A feature's own rows about cases, removed with the cases once their retention has passed; each owning package
 * removes its own.
 */
public interface CaseRecords {

  /** Removes this package's rows of these cases (problem ids, "&lt;round&gt;/&lt;number&gt;"). */
  void removeCases(Collection<String> problemIds);
}
