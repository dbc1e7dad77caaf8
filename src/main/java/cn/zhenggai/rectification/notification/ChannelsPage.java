package cn.zhenggai.rectification.notification;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.server.ResponseStatusException;

/**
 * Administrators set other people's channel and mobile number on {@code /operations/channels} (only administrators get
 * there: security's rule for {@code /operations/**}, as for the sign-in locks): the people found by name or account,
 * each with a small form checked and stored by {@link PersonalChannels}, as when people set their own.
 */
@Controller
class ChannelsPage {

  /** A form refused: shown again beside that person as typed, with the reason naming the field. */
  record Refusal(String id, ChannelChoice channel, String mobile, String message) {}

  private final ChannelRoster roster;
  private final PersonalChannels channels;

  ChannelsPage(ChannelRoster roster, PersonalChannels channels) {
    this.roster = roster;
    this.channels = channels;
  }

  @GetMapping("/operations/channels")
  String page(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "1") int page,
      @RequestParam(required = false) String saved, Model model) {
    roster.nameOf(saved).ifPresent(name -> model.addAttribute("saved", name));
    return list(q, page, null, model);
  }

  /** Saved: back to the same search and page, saying whose; refused (400): nothing stored, the reason beside the form. */
  @PostMapping("/operations/channels/{id}")
  String save(@PathVariable String id, @RequestParam(required = false) String channel,
      @RequestParam(required = false) String mobile, @RequestParam(defaultValue = "") String q,
      @RequestParam(defaultValue = "1") int page, Model model, RedirectAttributes back, HttpServletResponse response) {
    if (roster.nameOf(id).isEmpty()) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "没有用户 " + id);
    }
    try {
      channels.choose(id, channel, mobile);
    } catch (PersonalChannels.Refused refused) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      ChannelChoice typed = ChannelChoice.named(channel).orElseGet(() -> channels.stored(id).channel());
      return list(q, page, new Refusal(id, typed, mobile == null ? "" : mobile, refused.getMessage()), model);
    }
    back.addAttribute("q", q);
    back.addAttribute("page", page);
    back.addAttribute("saved", id);
    return "redirect:/operations/channels";
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  String badPage(MethodArgumentTypeMismatchException mismatch, Model model, HttpServletResponse response) {
    response.setStatus(HttpStatus.BAD_REQUEST.value());
    model.addAttribute("message", "page（页码）须为整数");
    return "supervision/error";
  }

  private String list(String q, int page, Refusal refusal, Model model) {
    model.addAttribute("q", q);
    model.addAttribute("found", roster.find(q, page));
    model.addAttribute("refusal", refusal);
    model.addAttribute("choices", ChannelChoice.values());
    return "notification/channels";
  }
}
