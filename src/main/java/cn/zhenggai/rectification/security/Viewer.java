package cn.zhenggai.rectification.security;

import cn.zhenggai.rectification.vocabulary.GroupType;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * What the signed-in user may see of the case register: everything (supervisors, leaders, administrators) or the
 * rows of their own units.
 */
public record Viewer(String userId, Set<String> units, boolean readsEverything) {

  static final String GROUP = "GROUP_";
  static final String UNIT = "UNIT_";

  public static Viewer of(Authentication authentication) {
    Set<String> authorities = authentication.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority)
        .collect(Collectors.toSet());
    Set<String> units = authorities.stream()
        .filter(a -> a.startsWith(UNIT))
        .map(a -> a.substring(UNIT.length()))
        .collect(Collectors.toUnmodifiableSet());
    boolean everything = Arrays.stream(GroupType.values())
        .anyMatch(type -> type.readsEverything() && authorities.contains(type.authority()));
    return new Viewer(authentication.getName(), units, everything);
  }

  public boolean sees(String unitId) {
    return readsEverything || units.contains(unitId);
  }
}
