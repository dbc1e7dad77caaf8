package cn.zhenggai.rectification.web;

import cn.zhenggai.rectification.vocabulary.RefusedAction;
import cn.zhenggai.rectification.vocabulary.RefusedInput;
import jakarta.annotation.Priority;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Errors of the engine's REST API as the sender can act on them, whatever wrapped them on the way (a task listener's
 * refusal is wrapped by the engine, then by the REST resource): a refused value is a 400 with our message, a missing
 * permission a 403, an unknown id a 404, a conflict with someone else's change a 409, a database out of reach a 503, and a database failure
 * says so without its SQL. Same body shape as Camunda's own errors ({@code type}, {@code message}), which Tasklist shows.
 */
final class RestErrors {

  private static final Logger LOG = LoggerFactory.getLogger(RestErrors.class);
  private static final String SOMEONE_ELSE = "该任务或案件刚被其他人办理，请刷新后重试";
  /** Two transactions inserting the same row at once (e.g. two clerks claiming one task): a conflict, not a fault. */
  private static final String UNIQUE_VIOLATION = "23505";

  private RestErrors() {}

  @Priority(1) // before Camunda's own mapper for the same type
  static class EngineErrors implements ExceptionMapper<org.camunda.bpm.engine.ProcessEngineException> {
    @Context UriInfo request;

    @Override
    public Response toResponse(org.camunda.bpm.engine.ProcessEngineException exception) {
      return TaskRace.reconsider(RestErrors.toResponse(exception, Status.INTERNAL_SERVER_ERROR), request);
    }
  }

  /** A transaction that could not even begin: the database is out of reach. */
  @Priority(1)
  static class TransactionErrors implements ExceptionMapper<org.springframework.transaction.TransactionException> {
    @Override
    public Response toResponse(org.springframework.transaction.TransactionException exception) {
      return RestErrors.toResponse(exception, Status.INTERNAL_SERVER_ERROR);
    }
  }

  /** Anything else that went wrong inside: logged, answered without its internals. */
  @Priority(1)
  static class UnexpectedErrors implements ExceptionMapper<RuntimeException> {
    @Context UriInfo request;

    @Override
    public Response toResponse(RuntimeException exception) {
      if (exception instanceof WebApplicationException answered) {
        return answered.getResponse(); // the REST framework's own 404, 405, 415 …
      }
      if (DatabaseOutage.reason(exception).isEmpty()) {
        LOG.error("unexpected error behind a REST request", exception);
      }
      Response answer = DatabaseOutage.reason(exception)
          .map(reason -> body(Status.SERVICE_UNAVAILABLE, "DatabaseUnavailable", reason))
          .orElseGet(() -> body(Status.INTERNAL_SERVER_ERROR, "ProcessEngineException", "处理请求时出错，请稍后重试或联系管理员"));
      return TaskRace.reconsider(answer, request);
    }
  }

  @Priority(1)
  static class ResourceErrors implements ExceptionMapper<RestException> {
    @Context UriInfo request;

    @Override
    public Response toResponse(RestException exception) {
      Status status = exception.getStatus() == null ? Status.INTERNAL_SERVER_ERROR : exception.getStatus();
      return TaskRace.reconsider(RestErrors.toResponse(exception, status), request);
    }
  }

  @Priority(1)
  static class UnreadableJson implements ExceptionMapper<com.fasterxml.jackson.core.JsonParseException> {
    @Override
    public Response toResponse(com.fasterxml.jackson.core.JsonParseException exception) {
      return body(Status.BAD_REQUEST, "InvalidRequestException", "请求内容不是有效的 JSON（第 "
          + exception.getLocation().getLineNr() + " 行第 " + exception.getLocation().getColumnNr() + " 列）");
    }
  }

  @Priority(1)
  static class MisshapenJson implements ExceptionMapper<com.fasterxml.jackson.databind.JsonMappingException> {
    @Override
    public Response toResponse(com.fasterxml.jackson.databind.JsonMappingException exception) {
      if (exception.getCause() instanceof com.fasterxml.jackson.core.JsonParseException
          || String.valueOf(exception.getOriginalMessage()).contains("end-of-input")) {
        return body(Status.BAD_REQUEST, "InvalidRequestException", "请求内容不是有效的 JSON（不完整）");
      }
      String field = exception.getPath().stream()
          .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
          .collect(java.util.stream.Collectors.joining("."));
      return body(Status.BAD_REQUEST, "InvalidRequestException",
          "请求内容的结构不对" + (field.isEmpty() ? "" : "：字段 " + field + " 的值类型不符"));
    }
  }

  static Response toResponse(Exception exception, Status fallback) {
    Optional<String> databaseDown = DatabaseOutage.reason(exception);
    if (databaseDown.isPresent()) {
      return body(Status.SERVICE_UNAVAILABLE, "DatabaseUnavailable", databaseDown.get());
    }
    TaskAlreadyClaimedException claimed = find(exception, TaskAlreadyClaimedException.class);
    if (claimed != null) {
      return body(Status.CONFLICT, "TaskAlreadyClaimedException", "该任务已由 " + claimed.getTaskAssignee() + " 认领，请刷新后查看");
    }
    SQLException sql = find(exception, SQLException.class);
    if (sql != null && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
      return body(Status.CONFLICT, "OptimisticLockingException", SOMEONE_ELSE);
    }
    if (sql != null) {
      LOG.error("database error behind a REST request", exception);
      return body(Status.INTERNAL_SERVER_ERROR, "ProcessEngineException", "数据库出错，请稍后重试或联系管理员");
    }
    if (find(exception, OptimisticLockingException.class) != null) {
      return body(Status.CONFLICT, "OptimisticLockingException", SOMEONE_ELSE);
    }
    AuthorizationException denied = find(exception, AuthorizationException.class);
    if (denied != null) {
      return body(Status.FORBIDDEN, "AuthorizationException",
          denied instanceof RefusedAction ? denied.getMessage() : "无权进行此操作");
    }
    if (find(exception, NotFoundException.class) != null || find(exception, NullValueException.class) != null
        || fallback == Status.NOT_FOUND) {
      return body(Status.NOT_FOUND, "InvalidRequestException", "找不到该对象（或无权查看）");
    }
    RefusedInput refused = find(exception, RefusedInput.class);
    if (refused != null) {
      return body(Status.BAD_REQUEST, "InvalidRequestException", refused.getMessage());
    }
    if (javaSerializationRefused(exception)) {
      return body(Status.BAD_REQUEST, "InvalidRequestException", "不接受 Java 序列化的对象变量");
    }
    if (find(exception, BadUserRequestException.class) != null || fallback == Status.BAD_REQUEST) {
      return body(Status.BAD_REQUEST, "InvalidRequestException", "请求内容不正确，请检查后重新提交");
    }
    if (fallback.getFamily() == Status.Family.CLIENT_ERROR) {
      return body(fallback, "InvalidRequestException", "请求不能处理（" + fallback.getStatusCode() + "）");
    }
    LOG.error("unexpected error behind a REST request", exception);
    return body(fallback, "ProcessEngineException", "处理请求时出错，请稍后重试或联系管理员");
  }

  /**
   * The engine refuses to store an object sent in Java's serialization format (a way to run code on the server); it
   * says so only in its message.
   */
  private static boolean javaSerializationRefused(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      String message = cause.getMessage();
      if (message != null && message.contains("Java serialization format is prohibited")) {
        return true;
      }
    }
    return false;
  }

  static Response body(Status status, String type, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
        .entity(Map.of("type", type, "message", message))
        .build();
  }

  private static <T extends Throwable> T find(Throwable exception, Class<T> type) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
    }
    return null;
  }
}
