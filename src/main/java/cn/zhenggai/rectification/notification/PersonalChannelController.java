package cn.zhenggai.rectification.notification;

import cn.zhenggai.rectification.vocabulary.GroupType;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/**
 * A person's own channel and mobile number: their small page {@code /me/notices} (with the daily digest choice too)
 * and {@code PUT /api/me/channel}; an administrator sets anybody's with {@code PUT /api/users/{id}/channel}. Every
 * change goes into the audit trail (PersonalChannels).
 */
@Controller
class PersonalChannelController {

  private static final Map<String, String> FIELDS = Map.of("channel", "channel（通知方式）", "mobile", "mobile（手机号码）");

  /** The page's form as shown: the stored choice, or what the person typed when it was refused. */
  record Form(ChannelChoice channel, String mobile, boolean digest) {}

  private final PersonalChannels channels;

  PersonalChannelController(PersonalChannels channels) {
    this.channels = channels;
  }

  @GetMapping("/me/notices")
  String page(Authentication user, Model model) {
    PersonalChannels.Choice stored = channels.of(user.getName()).orElseThrow(() ->
        new ResponseStatusException(HttpStatus.NOT_FOUND, "没有这个用户"));
    return page(new Form(stored.channel(), stored.mobile(), channels.digest(user.getName())), model);
  }

  /** A refused form is shown again as typed (400), with the reason naming the field; nothing is stored. */
  @PostMapping("/me/notices")
  String save(Authentication user, @RequestParam(required = false) String channel,
      @RequestParam(required = false) String mobile, @RequestParam(required = false) String digest, Model model,
      HttpServletResponse response) {
    try {
      boolean wantsDigest = digest(digest);
      channels.choose(user.getName(), channel, mobile);
      channels.chooseDigest(user.getName(), wantsDigest);
      return "redirect:/me/notices?saved";
    } catch (PersonalChannels.Refused refused) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("error", refused.getMessage());
      ChannelChoice typed = ChannelChoice.named(channel).orElseGet(() -> channels.stored(user.getName()).channel());
      return page(new Form(typed, mobile == null ? "" : mobile, "true".equals(digest)), model);
    }
  }

  @PutMapping("/api/me/channel")
  @ResponseBody
  PersonalChannels.Choice chooseMine(@RequestBody JsonNode choice, Authentication user) {
    return choose(user.getName(), choice);
  }

  @PutMapping("/api/users/{id}/channel")
  @ResponseBody
  PersonalChannels.Choice chooseFor(@PathVariable String id, @RequestBody JsonNode choice, Authentication user) {
    if (user.getAuthorities().stream().noneMatch(a -> a.getAuthority().equals(GroupType.SYSTEM.authority()))) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "只有管理员可以设置他人的通知方式和手机号码");
    }
    if (channels.of(id).isEmpty()) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "没有用户 " + id);
    }
    return choose(id, choice);
  }

  private PersonalChannels.Choice choose(String userId, JsonNode choice) {
    if (choice == null || !choice.isObject()) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "请给出 channel（通知方式）和 mobile（手机号码）");
    }
    for (Map.Entry<String, JsonNode> field : choice.properties()) {
      if (!FIELDS.containsKey(field.getKey())) {
        String name = field.getKey().length() > 40 ? field.getKey().substring(0, 40) + "…" : field.getKey();
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "不认识的字段 " + name + "：只接受 channel 和 mobile");
      }
      if (!field.getValue().isTextual()) {
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST, FIELDS.get(field.getKey()) + "须为文字");
      }
    }
    return channels.choose(userId, choice.path("channel").asText(null), choice.path("mobile").asText(null));
  }

  private static String page(Form form, Model model) {
    model.addAttribute("form", form);
    model.addAttribute("choices", ChannelChoice.values());
    return "notification/my-notices";
  }

  /** The checkbox sends "true" when ticked and nothing when not. */
  private static boolean digest(String ticked) {
    if (ticked != null && !ticked.equals("true")) {
      throw new PersonalChannels.Refused("digest（每日汇总）只能勾选或不勾选");
    }
    return ticked != null;
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  @ResponseBody
  ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException unreadable) {
    return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        "请以 JSON 对象给出 channel（通知方式）和 mobile（手机号码），例如 {\"channel\": \"SMS\", \"mobile\": \"13800000000\"}"));
  }

  @ExceptionHandler(PersonalChannels.Refused.class)
  @ResponseBody
  ResponseEntity<ProblemDetail> refused(PersonalChannels.Refused e) {
    return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
  }
}
