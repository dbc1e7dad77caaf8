package cn.zhenggai.rectification.supervision;

import cn.zhenggai.rectification.rounds.Actor;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** The signed-in person as a round's log names them, as the case histories do: 赵明远（县委组织部组织科科长）. */
@Component
class SignedIn {

  private final IdentityService identity;

  SignedIn(IdentityService identity) {
    this.identity = identity;
  }

  Actor actor(Authentication user) {
    User person = identity.createUserQuery().userId(user.getName()).singleResult();
    if (person == null || person.getFirstName() == null || person.getFirstName().isBlank()) {
      return new Actor(user.getName(), user.getName());
    }
    String title = person.getLastName() == null || person.getLastName().isBlank() ? "" : "（" + person.getLastName() + "）";
    return new Actor(user.getName(), person.getFirstName() + title);
  }
}
