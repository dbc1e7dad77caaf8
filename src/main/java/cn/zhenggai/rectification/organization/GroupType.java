package cn.zhenggai.rectification.organization;

import cn.zhenggai.rectification.organization.Organization.Role;
import java.util.Optional;

/**
 * A group's role in the product, stored as the Camunda group type ({@code SYSTEM} is Camunda's own name for the
 * administrators' group type). Groups created later in Camunda Admin get their role by setting this type.
 */
public enum GroupType {
  UNIT, SUPERVISOR, LEADER, SYSTEM;

  static GroupType of(Role role) {
    return switch (role) {
      case unit -> UNIT;
      case supervisor -> SUPERVISOR;
      case leader -> LEADER;
      case admin -> SYSTEM;
    };
  }

  public static Optional<GroupType> parse(String type) {
    for (GroupType value : values()) {
      if (value.name().equals(type)) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }

  /** Supervisors, county leaders and administrators see every case; units only their own. */
  public boolean readsEverything() {
    return this != UNIT;
  }
}
