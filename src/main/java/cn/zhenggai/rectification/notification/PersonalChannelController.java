package cn.zhenggai.rectification.notification;

import cn.zhenggai.rectification.vocabulary.GroupType;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
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
 * A person's own channel and mobile number: their small page {@code /me/notices} and {@code PUT /api/me/channel};
 * an administrator sets anybody's with {@code PUT /api/users/{id}/channel}.
 */
@Controller
class PersonalChannelController {

  private static final Set<String> FIELDS = Set.of("channel", "mobile");

  private final PersonalChannels channels;

  PersonalChannelController(PersonalChannels channels) {
    this.channels = channels;
  }

  @GetMapping("/me/notices")
  String page(Authentication user, Model model) {
    model.addAttribute("choice", channels.of(user.getName()).orElseThrow(() ->
        new ResponseStatusException(HttpStatus.NOT_FOUND, "没有这个用户")));
    model.addAttribute("choices", ChannelChoice.values());
    return "notification/my-notices";
  }

  @PostMapping("/me/notices")
  String save(Authentication user, @RequestParam(required = false) String channel,
      @RequestParam(required = false) String mobile, Model model) {
    try {
      channels.choose(user.getName(), channel, mobile);
      return "redirect:/me/notices?saved";
    } catch (PersonalChannels.Refused refused) {
      model.addAttribute("error", refused.getMessage());
      model.addAttribute("choice", new PersonalChannels.Choice(channels.of(user.getName()).orElseThrow().channel(),
          mobile == null ? "" : mobile));
      model.addAttribute("choices", ChannelChoice.values());
      return "notification/my-notices";
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
    choice.fieldNames().forEachRemaining(field -> {
      if (!FIELDS.contains(field)) {
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "不认识的字段 " + field + "：只接受 channel 和 mobile");
      }
    });
    if ((choice.has("channel") && !choice.get("channel").isTextual()) || (choice.has("mobile") && !choice.get("mobile").isTextual())) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "channel 和 mobile 须为文字");
    }
    return channels.choose(userId, choice.path("channel").asText(null), choice.path("mobile").asText(null));
  }

  @ExceptionHandler(PersonalChannels.Refused.class)
  @ResponseBody
  ResponseEntity<ProblemDetail> refused(PersonalChannels.Refused e) {
    return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
  }
}
