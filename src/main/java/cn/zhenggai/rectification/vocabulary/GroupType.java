package cn.zhenggai.rectification.vocabulary;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Optional;

/**
 * A group's role in the product: written in {@code organization.yaml} as {@code role: unit | supervisor | leader | admin},
 * stored as the Camunda group type ({@code SYSTEM} is Camunda's own name for the administrators' group type), and
 * carried by a signed-in person as the authority {@code ROLE_<type>}. Groups created later in Camunda Admin get their
 * role by setting this type.
 */
public enum GroupType {
  UNIT("unit"), SUPERVISOR("supervisor"), LEADER("leader"), SYSTEM("admin");

  private final String seedName;

  GroupType(String seedName) {
    this.seedName = seedName;
  }

  /** The role as the organization file writes it. */
  @JsonCreator
  static GroupType ofSeed(String role) {
    for (GroupType value : values()) {
      if (value.seedName.equals(role)) {
        return value;
      }
    }
    throw new IllegalArgumentException("未知的角色 \"" + role + "\"，应为 unit、supervisor、leader 或 admin");
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

  /** The Spring Security authority of the role ({@code hasRole(name())} matches it). */
  public String authority() {
    return "ROLE_" + name();
  }
}
