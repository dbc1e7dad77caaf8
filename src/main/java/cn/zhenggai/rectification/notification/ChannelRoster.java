package cn.zhenggai.rectification.notification;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Service;

/**
 * People and their channels as an administrator looks them up: 50 a page, with their groups' names, all of them or
 * those whose name, title or account contains the search. Without a search the database pages the accounts; Camunda's
 * user query can neither ask "name or account" nor match part of an account, so a search filters the accounts in
 * memory (a province's few thousand in milliseconds).
 */
@Service
class ChannelRoster {

  static final int PAGE_SIZE = 50;

  /** A person as the page shows them: name and title as the identity service keeps them, groups' names joined. */
  record Person(String id, String name, String title, String groups, ChannelChoice channel, String mobile) {}

  /** One page of the people found: its number (from 1), how many pages and people there are in all. */
  record Page(List<Person> people, int number, int pages, long total) {}

  private final IdentityService identity;
  private final PersonalChannels channels;

  ChannelRoster(IdentityService identity, PersonalChannels channels) {
    this.identity = identity;
    this.channels = channels;
  }

  /** Page {@code wanted} of the people found, or the nearest page there is. */
  Page find(String search, int wanted) {
    String text = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
    if (text.isEmpty()) {
      long total = identity.createUserQuery().count();
      int number = within(wanted, total);
      return page(identity.createUserQuery().orderByUserId().asc().listPage((number - 1) * PAGE_SIZE, PAGE_SIZE), number, total);
    }
    List<User> found = identity.createUserQuery().orderByUserId().asc().list().stream()
        .filter(user -> contains(user.getId(), text) || contains(user.getFirstName(), text) || contains(user.getLastName(), text))
        .toList();
    int number = within(wanted, found.size());
    int from = (number - 1) * PAGE_SIZE;
    return page(found.subList(from, Math.min(found.size(), from + PAGE_SIZE)), number, found.size());
  }

  /** The person's name, if there is such an account. */
  Optional<String> nameOf(String userId) {
    if (userId == null || userId.isBlank()) {
      return Optional.empty();
    }
    return Optional.ofNullable(identity.createUserQuery().userId(userId).singleResult()).map(ChannelRoster::name);
  }

  private Page page(List<User> users, int number, long total) {
    List<Person> people = users.stream().map(user -> {
      PersonalChannels.Choice choice = channels.stored(user.getId());
      String groups = identity.createGroupQuery().groupMember(user.getId()).orderByGroupName().asc().list().stream()
          .map(Group::getName).collect(Collectors.joining("、"));
      return new Person(user.getId(), name(user), user.getLastName() == null ? "" : user.getLastName(), groups,
          choice.channel(), choice.mobile());
    }).toList();
    return new Page(people, number, pages(total), total);
  }

  private static int within(int wanted, long total) {
    return Math.max(1, Math.min(wanted, pages(total)));
  }

  private static int pages(long total) {
    return (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
  }

  private static String name(User user) {
    return user.getFirstName() == null || user.getFirstName().isBlank() ? user.getId() : user.getFirstName();
  }

  private static boolean contains(String field, String text) {
    return field != null && field.toLowerCase(Locale.ROOT).contains(text);
  }
}
