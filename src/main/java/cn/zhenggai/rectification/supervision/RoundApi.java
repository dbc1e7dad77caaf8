package cn.zhenggai.rectification.supervision;

import cn.zhenggai.rectification.problem.ProblemList.ProblemError;
import cn.zhenggai.rectification.rounds.Actor;
import cn.zhenggai.rectification.rounds.DraftProblem;
import cn.zhenggai.rectification.rounds.Round;
import cn.zhenggai.rectification.rounds.RoundChange;
import cn.zhenggai.rectification.rounds.RoundClosing;
import cn.zhenggai.rectification.rounds.RoundForm;
import cn.zhenggai.rectification.rounds.RoundImport;
import cn.zhenggai.rectification.rounds.RoundManagers;
import cn.zhenggai.rectification.rounds.RoundPublishing;
import cn.zhenggai.rectification.rounds.Rounds;
import cn.zhenggai.rectification.vocabulary.RefusedInput;
import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * Rounds for API clients: what the round pages do, as JSON. Supervisors, leaders and administrators read; only the
 * organization department's supervisors change anything.
 */
@RestController
@RequestMapping("/api/rounds")
class RoundApi {

  record RoundView(Round round, List<DraftProblem> problems, List<ProblemError> errors, List<RoundChange> changes) {}

  record Text(String text) {}

  record Closing(String into) {}

  private final Rounds rounds;
  private final RoundImport imports;
  private final RoundPublishing publishing;
  private final RoundClosing closing;
  private final RoundManagers managers;

  RoundApi(Rounds rounds, RoundImport imports, RoundPublishing publishing, RoundClosing closing, RoundManagers managers) {
    this.rounds = rounds;
    this.imports = imports;
    this.publishing = publishing;
    this.closing = closing;
    this.managers = managers;
  }

  @GetMapping
  @Operation(summary = "全部整改批次，新的在前")
  List<Round> all() {
    return rounds.all();
  }

  @GetMapping("/{code}")
  @Operation(summary = "一个批次：问题清单、仍需修改之处、修改记录")
  RoundView one(@PathVariable String code) {
    Round round = rounds.find(code)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "没有代码为 " + code + " 的整改批次"));
    return new RoundView(round, rounds.problems(code), rounds.check(code), rounds.changes(code));
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "新建批次（草稿）", description = "code 可省略：自动取“年份-类型字母”，如 2023-SZPY")
  Map<String, String> create(@RequestBody RoundForm form, Authentication user) {
    Actor actor = managers.require(user.getName());
    return Map.of("code", rounds.create(form == null ? new RoundForm(null, null, null, null, null) : form, actor));
  }

  @PostMapping(path = "/{code}/import", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "由粘贴的讲话或报告文字拟出问题清单（替换草稿清单）")
  Map<String, Object> importText(@PathVariable String code, @RequestBody Text text, Authentication user) {
    List<String> notices = imports.importText(code, text == null ? null : text.text(), managers.require(user.getName()));
    return Map.of("notices", notices, "problems", rounds.problems(code));
  }

  @PostMapping(path = "/{code}/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(summary = "由上传的 .txt 或 .docx 拟出问题清单（替换草稿清单）")
  Map<String, Object> importFile(@PathVariable String code, @RequestPart("file") MultipartFile file, Authentication user)
      throws IOException {
    Actor actor = managers.require(user.getName());
    if (file == null || file.getOriginalFilename() == null) {
      throw new RefusedInput("请选择要上传的文件（表单字段 file）");
    }
    List<String> notices = imports.importFile(code, file.getOriginalFilename(), file.getBytes(), actor);
    return Map.of("notices", notices, "problems", rounds.problems(code));
  }

  @PutMapping("/{code}/problems")
  @Operation(summary = "保存草稿问题清单（整张替换）", description = "有错也保存；返回仍需修改之处，发布前须改完")
  List<ProblemError> saveProblems(@PathVariable String code, @RequestBody List<DraftProblem> problems, Authentication user) {
    return rounds.saveProblems(code, problems == null ? List.of() : problems, managers.require(user.getName()));
  }

  @PostMapping("/{code}/publish")
  @Operation(summary = "发布批次：全部问题一次立案，要么全部成功、要么一个也不立")
  Map<String, Integer> publish(@PathVariable String code, Authentication user) {
    return Map.of("opened", publishing.publish(code, managers.require(user.getName())));
  }

  @PostMapping("/{code}/close")
  @Operation(summary = "结束批次", description = "还有未完成事项时，into 给出转入的后续批次代码")
  Map<String, Integer> close(@PathVariable String code, @RequestBody(required = false) Closing body, Authentication user) {
    Actor actor = managers.require(user.getName());
    return Map.of("carriedOver", closing.close(code, body == null ? null : body.into(), actor));
  }
}
