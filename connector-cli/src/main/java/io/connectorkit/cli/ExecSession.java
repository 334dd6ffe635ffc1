package io.connectorkit.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.IsolationLevel;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.common.Transaction;
import io.connectorkit.core.common.UpsertResult;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.FilterParser;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code exec} protocol (CONTRACT C10) over one datasource: each request line gets exactly one
 * response line, and no request, however malformed, ends the session. Transactions begun in the
 * session live until it is closed. Not thread-safe: one session serves one input stream.
 */
final class ExecSession implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ExecSession.class);

  /** What an operation does with its request and the transaction options. */
  @FunctionalInterface
  private interface Handler {
    @Nullable Object handle(Request request, Options options);
  }

  /** An op: its arguments in the order LoopBack's methods take them, and its handler. */
  private record Operation(List<String> arguments, Handler handler) {}

  private final DataSource dataSource;
  private final Map<String, Operation> operations = new LinkedHashMap<>();
  // Finished transactions stay here so that later use reports TRANSACTION_NOT_ACTIVE, not
  // "unknown".
  private final Map<String, Transaction> transactions = new LinkedHashMap<>();

  ExecSession(DataSource dataSource) {
    this.dataSource = requireNonNull(dataSource, "dataSource is null");
    registerOperations();
  }

  /**
   * Answers one request line.
   *
   * @return the response line (without line terminator), or null for a blank line, which gets no
   *     response
   */
  @Nullable String handle(@Nullable String line) {
    if (line == null || line.isBlank()) {
      return null;
    }
    Object result;
    try {
      result = dispatch(line);
    } catch (ConnectorException e) {
      return error(e.code(), requireNonNull(e.getMessage(), "message is null"), e.details());
    } catch (RuntimeException e) {
      log.error("exec: request failed with an unexpected error", e);
      return error(ErrorCode.BACKEND_ERROR, describe(e), Map.of());
    }
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("ok", true);
    response.put("result", result);
    try {
      return Json.write(response);
    } catch (JsonProcessingException | RuntimeException e) {
      log.error("exec: cannot write the result as JSON", e);
      return error(
          ErrorCode.BACKEND_ERROR, "cannot write the result as JSON: " + describe(e), Map.of());
    }
  }

  /**
   * Answers every line of {@code in} on {@code out}, flushing each response, until end of input.
   */
  void run(BufferedReader in, Writer out) throws IOException {
    requireNonNull(in, "in is null");
    requireNonNull(out, "out is null");
    boolean first = true;
    String line;
    while ((line = in.readLine()) != null) {
      if (first && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      first = false;
      String response = handle(line);
      if (response != null) {
        out.write(response);
        out.write('\n');
        out.flush();
      }
    }
  }

  /** Rolls back the transactions that were neither committed nor rolled back. */
  @Override
  public void close() {
    List<Transaction> open = transactions.values().stream().filter(Transaction::isActive).toList();
    if (!open.isEmpty()) {
      log.warn("exec: rolling back {} transaction(s) left open at end of input", open.size());
    }
    for (Transaction transaction : open) {
      try {
        transaction.close();
      } catch (RuntimeException e) {
        log.warn("exec: rollback of transaction {} failed", transaction.id(), e);
      }
    }
  }

  // ---------------------------------------------------------------- dispatch

  private @Nullable Object dispatch(String line) {
    return call(request(line));
  }

  /**
   * Reads one request line.
   *
   * @throws ConnectorException {@code INVALID_ARGUMENT} when it is not a JSON object
   */
  static Map<String, Object> request(String line) {
    Object parsed;
    try {
      parsed = Json.read(line);
    } catch (JsonProcessingException e) {
      throw invalid("request is not valid JSON: " + Json.describe(e));
    }
    if (!(parsed instanceof Map<?, ?> map)) {
      throw invalid("request must be a JSON object, got " + Request.type(parsed));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> fields = (Map<String, Object>) map;
    return fields;
  }

  /**
   * Answers one request already read from JSON.
   *
   * @return the result, as the response's {@code result}; null for JSON null (a findOne or findById
   *     that found nothing)
   * @throws ConnectorException the error the response would carry
   */
  @Nullable Object call(Map<String, Object> fields) {
    requireNonNull(fields, "fields is null");
    Object op = fields.get("op");
    if (op == null) {
      throw invalid("request has no \"op\"; known ops: " + String.join(", ", operations.keySet()));
    }
    if (!(op instanceof String name)) {
      throw invalid("\"op\" must be a string, got " + Request.type(op));
    }
    Operation operation = operations.get(name);
    if (operation == null) {
      throw invalid(
          "unknown op \"" + name + "\"; known ops: " + String.join(", ", operations.keySet()));
    }
    Request request = new Request(name, fields);
    request.allowOnly(Set.copyOf(operation.arguments()));
    return operation.handler().handle(request, options(request));
  }

  private Options options(Request request) {
    String id = request.string("tx");
    if (id == null) {
      return Options.NONE;
    }
    Transaction transaction = transactions.get(id);
    if (transaction == null) {
      throw invalid("unknown transaction \"" + id + "\"; start one with {\"op\":\"begin\"}");
    }
    return Options.of(transaction);
  }

  /**
   * The arguments of an op that takes a model, after the model, in LoopBack's order ({@code
   * updateAll(where, data)}); empty when there is no such op.
   */
  Optional<List<String>> modelArguments(String op) {
    Operation operation = operations.get(op);
    if (operation == null || operation.arguments().isEmpty()) {
      return Optional.empty();
    }
    if (!operation.arguments().get(0).equals("model")) {
      return Optional.empty();
    }
    return Optional.of(operation.arguments().subList(1, operation.arguments().size()));
  }

  /** The names of the operations that take a model, sorted; for completion and suggestions. */
  java.util.NavigableSet<String> modelOperations() {
    java.util.NavigableSet<String> names = new java.util.TreeSet<>();
    operations.keySet().stream()
        .filter(name -> modelArguments(name).isPresent())
        .forEach(names::add);
    return names;
  }

  private void register(Handler handler, List<String> arguments, String... names) {
    Operation operation = new Operation(arguments, handler);
    Arrays.stream(names).forEach(name -> operations.put(name, operation));
  }

  // An absent id is passed on as null: the DAO reports it as INVALID_ARGUMENT naming the model
  // (C3), the same answer any caller gets; Dao's id parameters are non-null because a null id is
  // a caller error, which is what this protocol lets a client make.
  @SuppressWarnings("NullAway")
  private static Object id(Request request) {
    return request.value("id");
  }

  private void registerOperations() {
    List<String> model = List.of("model");
    List<String> modelData = List.of("model", "data");
    List<String> modelFilter = List.of("model", "filter");
    List<String> modelId = List.of("model", "id");
    List<String> modelWhere = List.of("model", "where");
    List<String> modelIdData = List.of("model", "id", "data");
    List<String> modelWhereData = List.of("model", "where", "data");
    register(this::create, modelData, "create");
    register((r, o) -> dao(r).find(filter(r), o), modelFilter, "find");
    register((r, o) -> dao(r).findOne(filter(r), o).orElse(null), modelFilter, "findOne");
    register(
        (r, o) -> dao(r).findById(id(r), filter(r), o).orElse(null),
        List.of("model", "id", "filter"),
        "findById");
    register((r, o) -> dao(r).count(where(r), o), modelWhere, "count");
    register((r, o) -> dao(r).exists(id(r), o), modelId, "exists");
    // The LoopBack aliases (update, destroyAll, remove, destroyById, removeById) are accepted
    // so that LoopBack users' scripts run unchanged.
    register(
        (r, o) -> count(dao(r).updateAll(where(r), data(r), o)),
        modelWhereData,
        "updateAll",
        "update");
    register(
        (r, o) -> count(dao(r).deleteAll(where(r), o)),
        modelWhere,
        "deleteAll",
        "destroyAll",
        "remove");
    register(
        (r, o) -> count(dao(r).deleteById(id(r), o)),
        modelId,
        "deleteById",
        "destroyById",
        "removeById");
    register(
        (r, o) -> dao(r).updateById(id(r), data(r), o), modelIdData, "updateById", "patchById");
    register((r, o) -> dao(r).replaceById(id(r), data(r), o), modelIdData, "replaceById");
    register((r, o) -> dao(r).upsert(singleData(r), o), modelData, "upsert", "patchOrCreate");
    register((r, o) -> dao(r).updateOrCreate(singleData(r), o), modelData, "updateOrCreate");
    register((r, o) -> dao(r).replaceOrCreate(singleData(r), o), modelData, "replaceOrCreate");
    register(
        (r, o) -> dao(r).upsertWithWhere(where(r), data(r), o), modelWhereData, "upsertWithWhere");
    register(
        (r, o) -> upsertResult(dao(r).findOrCreate(filter(r), data(r), o)),
        List.of("model", "filter", "data"),
        "findOrCreate");
    register(this::define, model, "define");
    register(this::automigrate, List.of("models"), "automigrate");
    register(this::autoupdate, List.of("models"), "autoupdate");
    register((r, o) -> dataSource.isActual(modelNames(r)), List.of("models"), "isActual");
    register((r, o) -> dataSource.ping(), List.of(), "ping");
    register(this::begin, List.of("isolation", "timeout"), "begin");
    register(this::commit, List.of(), "commit");
    register(this::rollback, List.of(), "rollback");
    register(
        (r, o) -> dataSource.discoverModelDefinitions(r.object("options")),
        List.of("options"),
        "discoverModelDefinitions");
    register(
        (r, o) ->
            dataSource.discoverSchemas(
                r.requiredString("table", "a table name"), r.object("options")),
        List.of("table", "options"),
        "discoverSchemas");
    register(
        (r, o) ->
            dao(r).invoke(r.requiredString("method", "an operation name"), r.object("args"), o),
        List.of("model", "method", "args"),
        "invoke");
    register(this::execute, List.of("command", "params"), "execute");
  }

  // ---------------------------------------------------------------- operations

  private Object create(Request request, Options options) {
    Object data = request.value("data");
    if (data instanceof Map<?, ?>) {
      return dao(request).create(requireNonNull(request.object("data"), "data is null"), options);
    }
    if (data instanceof List<?> items) {
      List<Map<String, Object>> rows = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        Object item = items.get(i);
        if (!(item instanceof Map<?, ?>)) {
          throw invalid(
              "item "
                  + i
                  + " of \"data\" of op \"create\" must be an object, got "
                  + Request.type(item));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> row = (Map<String, Object>) item;
        rows.add(row);
      }
      return dao(request).createAll(rows, options);
    }
    throw invalid(
        data == null
            ? "op \"create\" requires \"data\" (an object, or an array of objects)"
            : "\"data\" of op \"create\" must be an object or an array of objects, got "
                + Request.type(data));
  }

  private Object define(Request request, Options options) {
    Object model = request.value("model");
    if (!(model instanceof Map<?, ?>)) {
      throw invalid(
          model == null
              ? "op \"define\" requires \"model\" (a model JSON object)"
              : "\"model\" of op \"define\" must be a model JSON object, got "
                  + Request.type(model));
    }
    ModelDefinition defined =
        dataSource.define(ModelDefinition.fromMap(request.requiredObject("model", "model JSON")));
    return defined.toJson();
  }

  private Object automigrate(Request request, Options options) {
    String[] names = modelNames(request);
    dataSource.automigrate(names);
    return migrated(names);
  }

  private Object autoupdate(Request request, Options options) {
    String[] names = modelNames(request);
    dataSource.autoupdate(names);
    return migrated(names);
  }

  private List<String> migrated(String[] names) {
    return names.length > 0
        ? List.of(names)
        : dataSource.models().stream().map(ModelDefinition::name).toList();
  }

  private Object begin(Request request, Options options) {
    IsolationLevel isolation = isolation(request.string("isolation"));
    Long timeout = request.count("timeout");
    Transaction transaction =
        dataSource.beginTransaction(
            isolation, timeout == null || timeout == 0 ? null : Duration.ofMillis(timeout));
    transactions.put(transaction.id(), transaction);
    return Map.of("tx", transaction.id());
  }

  private Object commit(Request request, Options options) {
    Transaction transaction = requiredTransaction(request, options);
    transaction.commit();
    return transactionState(transaction);
  }

  private Object rollback(Request request, Options options) {
    Transaction transaction = requiredTransaction(request, options);
    transaction.rollback();
    return transactionState(transaction);
  }

  private Object execute(Request request, Options options) {
    String command = request.requiredString("command", "the native command");
    List<Object> params = request.list("params");
    return dataSource.execute(command, params == null ? List.of() : params, options);
  }

  // ---------------------------------------------------------------- arguments and results

  private Dao dao(Request request) {
    Object model = request.value("model");
    if (model instanceof Map<?, ?>) {
      throw invalid(
          "\"model\" of op \""
              + request.op()
              + "\" must be a model name; define a model with {\"op\":\"define\"}");
    }
    return dataSource.dao(request.requiredString("model", "a model name"));
  }

  private static @Nullable Filter filter(Request request) {
    Object filter = request.value("filter");
    if (filter == null || filter instanceof String text && text.isBlank()) {
      return null;
    }
    if (filter instanceof Map<?, ?> || filter instanceof String) {
      return FilterParser.parse(filter);
    }
    throw new ConnectorException(
        ErrorCode.INVALID_FILTER,
        "filter must be an object or the JSON text of one, got " + Request.type(filter));
  }

  private static @Nullable Where where(Request request) {
    Object where = request.value("where");
    if (where == null || where instanceof String text && text.isBlank()) {
      return null;
    }
    if (where instanceof Map<?, ?> || where instanceof String) {
      return FilterParser.parseWhere(where);
    }
    throw new ConnectorException(
        ErrorCode.INVALID_FILTER,
        "where must be an object or the JSON text of one, got " + Request.type(where));
  }

  private static Map<String, Object> data(Request request) {
    return request.requiredObject("data", "an object");
  }

  private static Map<String, Object> singleData(Request request) {
    if (request.value("data") instanceof List<?>) {
      throw request.invalid(
          "\"data\" of op \"" + request.op() + "\" must be one object, not an array");
    }
    return data(request);
  }

  private static String[] modelNames(Request request) {
    List<String> names = request.strings("models");
    return names == null ? new String[0] : names.toArray(String[]::new);
  }

  private static IsolationLevel isolation(@Nullable String name) {
    if (name == null) {
      return IsolationLevel.READ_COMMITTED;
    }
    // LoopBack spells the levels "READ COMMITTED"; the enum spells them READ_COMMITTED.
    String normalized = name.trim().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    try {
      return IsolationLevel.valueOf(normalized);
    } catch (IllegalArgumentException e) {
      throw invalid(
          "unknown isolation level \""
              + name
              + "\"; expected one of "
              + Arrays.stream(IsolationLevel.values())
                  .map(Enum::name)
                  .collect(Collectors.joining(", ")));
    }
  }

  private static Transaction requiredTransaction(Request request, Options options) {
    if (options.transaction() == null) {
      throw request.invalid("op \"" + request.op() + "\" requires \"tx\" (a transaction id)");
    }
    return options.transaction();
  }

  private static Map<String, Object> transactionState(Transaction transaction) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("tx", transaction.id());
    result.put("state", transaction.state().name());
    return result;
  }

  private static Map<String, Object> count(long count) {
    return Map.of("count", count);
  }

  private static Map<String, Object> upsertResult(UpsertResult result) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("instance", result.instance());
    json.put("created", result.created());
    return json;
  }

  // ---------------------------------------------------------------- errors

  private static ConnectorException invalid(String message) {
    return new ConnectorException(ErrorCode.INVALID_ARGUMENT, message);
  }

  private static String describe(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static String error(ErrorCode code, String message, Map<String, Object> details) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code.name());
    error.put("message", message);
    error.put("details", sorted(details));
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("ok", false);
    response.put("error", error);
    try {
      return Json.write(response);
    } catch (JsonProcessingException | RuntimeException e) {
      log.error("exec: cannot write error details as JSON", e);
      error.put("details", Map.of());
      try {
        return Json.write(response);
      } catch (JsonProcessingException impossible) {
        throw new IllegalStateException(impossible);
      }
    }
  }

  /**
   * Details in key order: exception details are immutable maps whose iteration order changes from
   * run to run, and the same error must print the same line every time.
   */
  private static Object sorted(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new TreeMap<>();
      map.forEach((key, item) -> copy.put(String.valueOf(key), sorted(item)));
      return copy;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(ExecSession::sorted).toList();
    }
    return value;
  }
}
