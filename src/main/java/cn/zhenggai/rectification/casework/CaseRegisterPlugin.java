package cn.zhenggai.rectification.casework;

import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantCommandChecker;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Hooks the case register into both processes when they are deployed: process start and end, and every user task's
 * life; and names each task after its case ({@link TaskTitle}). Kept out of the diagrams because it is bookkeeping,
 * not part of the procedure a supervisor reads; each process's documentation (shown by Cockpit and the Modeler) says
 * that it happens; so are the task actions of the audit trail ({@link TaskAudit}). Also installs the record's rules
 * ({@link RecordRules}, {@link SubmittedFields}, {@link EvidenceAttached}), which every completion passes before
 * anything is recorded.
 */
@Component
class CaseRegisterPlugin extends AbstractProcessEnginePlugin {

  private final CaseRegister register;
  private final SubmittedFields submitted;
  private final ReturnComment returnComment;
  private final CaseTimeline timeline;
  private final RecordRules rules;
  private final EvidenceAttached evidence;
  private final TaskAudit audit;

  CaseRegisterPlugin(CaseRegister register, SubmittedFields submitted, ReturnComment returnComment,
      @Lazy CaseTimeline timeline, EvidenceAttached evidence, @Lazy TaskAudit audit) {
    this.register = register;
    this.audit = audit;
    this.submitted = submitted;
    this.evidence = evidence;
    this.returnComment = returnComment;
    this.timeline = timeline;
    this.rules = new RecordRules(submitted);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new RegisterParseListener());
    configuration.setCommandCheckers(new ArrayList<>(List.of(new TenantCommandChecker(), rules)));
  }

  private class RegisterParseListener extends AbstractBpmnParseListener {

    @Override
    public void parseProcess(Element processElement, ProcessDefinitionEntity process) {
      switch (process.getKey()) {
        case RectificationCaseProcess.KEY -> {
          process.addListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) register::problemStarted);
          process.addListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) register::problemEnded);
        }
        case UnitRectificationProcess.KEY -> {
          process.addListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) register::unitStarted);
          process.addListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) register::unitEnded);
        }
        default -> {
          // other processes are not cases
        }
      }
    }

    @Override
    public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
      String processKey = ((ProcessDefinitionEntity) activity.getProcessDefinition()).getKey();
      if (!processKey.equals(RectificationCaseProcess.KEY) && !processKey.equals(UnitRectificationProcess.KEY)) {
        return;
      }
      TaskDefinition task = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
      // built-in listeners run before the diagram's, in the order added: the rules first, so nothing runs on a refusal
      task.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, submitted::check);
      task.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, evidence::check);
      task.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, rules::claimedForOneself);
      task.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE,
          (TaskListener) created -> TaskTitle.name(created, register.severalRoundsInProgress()));
      task.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, register::taskCreated);
      task.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, returnComment::onCreate);
      task.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, register::taskChanged);
      task.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, audit::assigned);
      task.addBuiltInTaskListener(TaskListener.EVENTNAME_UPDATE, register::taskChanged);
      task.addBuiltInTaskListener(TaskListener.EVENTNAME_UPDATE, timeline::dueDateChanged);
      task.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, register::taskCompleted);
      if (activity.getId().equals(RectificationCaseProcess.TASK_CONFIRM_CLOSURE)) {
        task.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, register::problemClosed);
        task.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, audit::closureConfirmed);
      }
    }
  }
}
