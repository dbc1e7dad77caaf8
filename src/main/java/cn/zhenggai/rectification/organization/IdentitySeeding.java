package cn.zhenggai.rectification.organization;

import cn.zhenggai.rectification.organization.Organization.Group;
import cn.zhenggai.rectification.organization.Organization.Person;
import cn.zhenggai.rectification.vocabulary.GroupType;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Brings Camunda's identity service in line with the organization file; safe to run at every start. */
@Service
public class IdentitySeeding {

  static final String DEMO_PASSWORD = "demo";
  private static final Logger LOG = LoggerFactory.getLogger(IdentitySeeding.class);

  private final IdentityService identity;

  IdentitySeeding(IdentityService identity) {
    this.identity = identity;
  }

  /** Creates or renames the groups; with {@code withUsers}, also the people and their memberships. */
  public void apply(Organization organization, boolean withUsers) {
    organization.groups().forEach(this::saveGroup);
    if (withUsers) {
      organization.users().forEach(this::savePerson);
    }
  }

  private void saveGroup(Group seed) {
    var group = identity.createGroupQuery().groupId(seed.id()).singleResult();
    if (group == null) {
      group = identity.newGroup(seed.id());
      LOG.info("创建单位 {}（{}）", seed.id(), seed.name());
    } else if (seed.name().equals(group.getName()) && typeOf(seed).equals(group.getType())) {
      return;
    }
    group.setName(seed.name());
    group.setType(typeOf(seed));
    identity.saveGroup(group);
  }

  private void savePerson(Person seed) {
    User user = identity.createUserQuery().userId(seed.id()).singleResult();
    if (user == null) {
      user = identity.newUser(seed.id());
      user.setPassword(DEMO_PASSWORD);
      LOG.info("创建演示账号 {}（{}）", seed.id(), seed.name());
    }
    user.setFirstName(seed.name());
    user.setLastName(seed.title() == null ? "" : seed.title());
    user.setEmail(seed.email());
    identity.saveUser(user);
    for (String groupId : seed.groups()) {
      boolean member = identity.createUserQuery().userId(seed.id()).memberOfGroup(groupId).count() > 0;
      if (!member) {
        identity.createMembership(seed.id(), groupId);
      }
    }
  }

  /** The role is kept as the Camunda group type, so sign-in and access grants read it from the identity service. */
  static String typeOf(Group group) {
    return group.role().name();
  }
}
