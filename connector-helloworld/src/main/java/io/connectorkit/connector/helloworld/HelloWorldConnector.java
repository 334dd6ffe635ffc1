package io.connectorkit.connector.helloworld;

import static java.util.Objects.requireNonNull;

import io.connectorkit.connector.helloworld.HelloWorldBackend.BackendException;
import io.connectorkit.connector.helloworld.HelloWorldBackend.Column;
import io.connectorkit.connector.helloworld.HelloWorldBackend.Session;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Feature;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Operator;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.IndexDefinition;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.model.PropertyType;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.ConnectorErrors;
import io.connectorkit.core.spi.Pushdown;
import io.connectorkit.core.spi.Settings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The {@code helloworld} connector: the glue between the connector SPI and {@link
 * HelloWorldBackend}, a stand-in for a remote API whose only query is "rows by primary key".
 *
 * <p>It pushes down only equality and {@code inq} on the id and leaves the rest of the filter
 * language, the order and paging to the core's residual evaluation (CONTRACT C4.6). Features:
 * {@link Feature#DISCOVERY} and {@link Feature#NUMERIC_IDS}; every other optional operation fails
 * with {@code UNSUPPORTED_OPERATION} through the SPI's defaults.
 *
 * <p>A model is stored in the table its {@code "helloworld": {"table": …}} section names, else in a
 * table named like the model; defining a model creates the table (or updates its metadata).
 *
 * <p>Connector hooks (C9): every backend call is one native call whose request is a read-only
 * {@code Map} describing it ({@code op}, {@code table}, and {@code keys}, {@code data} where they
 * apply); listeners see it and the response, for logging, tracing and metrics.
 */
final class HelloWorldConnector extends Connector {
  static final String NAME = "helloworld";

  // tutorial:features
  private static final Set<Feature> FEATURES =
      EnumSet.of(Feature.CRUD, Feature.DISCOVERY, Feature.NUMERIC_IDS);

  @Override
  public Set<Feature> features() {
    return FEATURES;
  }

  // end:features

  // tutorial:lifecycle
  private final HelloWorldBackend backend;
  private final HelloWorldSettings account;
  private volatile @Nullable Session session;

  HelloWorldConnector(Settings settings, HelloWorldSettings account, HelloWorldBackend backend) {
    super(NAME, settings);
    // The factory read and checked the settings, so a bad datasource failed when created (C1.1).
    this.account = requireNonNull(account, "account is null");
    this.backend = requireNonNull(backend, "backend is null");
  }

  @Override
  protected void doConnect() {
    session = login();
  }

  @Override
  protected void doDisconnect() {
    session = null;
  }

  /** Logs in afresh, so that ping answers whether the credentials are good right now. */
  @Override
  public boolean ping() {
    login();
    connect();
    return true;
  }

  private Session login() {
    try {
      return backend.login(account.username(), account.password());
    } catch (BackendException e) {
      // The backend's message, the user name and never the password (C1.1).
      throw new ConnectorException(
          ErrorCode.CONNECTION_FAILED,
          "helloworld: cannot log in as \"" + account.username() + "\": " + e.getMessage(),
          e);
    }
  }

  /** The logged-in session; connects first, since the SPI may be called before connect(). */
  private Session session() {
    connect();
    Session current = session;
    if (current == null) {
      throw new ConnectorException(ErrorCode.CONNECTION_FAILED, "helloworld: disconnected");
    }
    return current;
  }

  // end:lifecycle

  // tutorial:define
  /** Creates the model's table in the backend, or updates its column metadata. */
  @Override
  protected void onDefine(ModelDefinition model) {
    List<Column> columns = new ArrayList<>();
    for (PropertyDefinition property : model.properties().values()) {
      columns.add(
          new Column(
              property.name(),
              String.valueOf(property.type().toJson()),
              property.idPosition(),
              property.generated(),
              property.required(),
              property.length()));
    }
    List<List<String>> uniqueKeys = new ArrayList<>();
    for (IndexDefinition index : model.indexes()) {
      if (index.unique()) {
        uniqueKeys.add(List.copyOf(index.keys().keySet()));
      }
    }
    String table = table(model);
    call(
        model,
        "createTable",
        Map.of("table", table),
        s -> {
          s.createTable(table, columns, uniqueKeys);
          return null;
        });
  }

  /** The model's table: {@code "helloworld": {"table": "greetings"}}, else the model's name. */
  static String table(ModelDefinition model) {
    Object table = model.connectorSettings(NAME).get("table");
    return table == null ? model.name() : table.toString();
  }

  // end:define

  // tutorial:create
  @Override
  public Map<String, Object> create(
      ModelDefinition model, Map<String, Object> data, Options options) {
    requireNonNull(data, "data is null");
    List<PropertyDefinition> ids = model.idProperties();
    if (ids.size() == 1
        && data.get(ids.get(0).name()) == null
        && ids.get(0).type().kind() != PropertyType.Kind.NUMBER) {
      // The backend generates numeric keys only: say so rather than store a null id.
      throw Feature.STRING_IDS.unsupported(NAME);
    }
    String table = table(model);
    return call(model, "insert", Map.of("table", table, "data", data), s -> s.insert(table, data));
  }

  // end:create

  // tutorial:all
  /**
   * {@inheritDoc} Receives only the id conditions {@link #pushdown} enforces: "all rows" and "by
   * id" are one method, as in LoopBack. The core evaluates the rest of the where, sorts and pages.
   */
  @Override
  public List<Map<String, Object>> all(ModelDefinition model, Filter filter, Options options) {
    requireNonNull(filter, "filter is null");
    String table = table(model);
    Collection<List<Object>> keys = keys(model, filter.where());
    return call(model, "select", request(table, keys), s -> s.select(table, keys));
  }

  @Override
  public long count(ModelDefinition model, Where where, Options options) {
    return all(model, Filter.where(where), options).size();
  }

  // end:all

  // tutorial:update
  @Override
  public long update(
      ModelDefinition model, Where where, Map<String, Object> data, Options options) {
    requireNonNull(data, "data is null");
    String table = table(model);
    Collection<List<Object>> keys = keys(model, where);
    Map<String, Object> request = new LinkedHashMap<>(request(table, keys));
    request.put("data", data);
    return call(model, "update", request, s -> s.update(table, keys, data));
  }

  @Override
  public long destroyAll(ModelDefinition model, Where where, Options options) {
    String table = table(model);
    Collection<List<Object>> keys = keys(model, where);
    return call(model, "delete", request(table, keys), s -> s.delete(table, keys));
  }

  @Override
  public Map<String, Object> updateAttributes(
      ModelDefinition model, Object id, Map<String, Object> data, Options options) {
    return write(model, id, data, false);
  }

  @Override
  public Map<String, Object> replaceById(
      ModelDefinition model, Object id, Map<String, Object> data, Options options) {
    return write(model, id, data, true);
  }

  private Map<String, Object> write(
      ModelDefinition model, Object id, Map<String, Object> data, boolean replace) {
    requireNonNull(data, "data is null");
    String table = table(model);
    List<Object> key = key(model, id);
    Map<String, Object> request = new LinkedHashMap<>(request(table, List.of(key)));
    request.put("data", data);
    try {
      return call(
          model, replace ? "replace" : "patch", request, s -> s.write(table, key, data, replace));
    } catch (ConnectorException e) {
      // One wording and one details shape for every connector (C5).
      throw e.code() == ErrorCode.ENTITY_NOT_FOUND ? ConnectorErrors.notFound(model, id) : e;
    }
  }

  // end:update

  // tutorial:pushdown
  /**
   * Enforces equality and {@code inq} on the id (the SPI requires both), alone or in a top-level
   * {@code and}; everything else is the residual the core evaluates in memory (C4.6).
   */
  @Override
  public Pushdown pushdown(ModelDefinition model, Filter filter) {
    Where where = filter.where();
    if (keysOf(model, where) != null) {
      return new Pushdown(where, Where.all(), false);
    }
    List<Where> conjuncts = where instanceof Where.And and ? and.conditions() : List.of(where);
    List<Where> enforced = new ArrayList<>();
    List<Where> residual = new ArrayList<>();
    for (Where conjunct : conjuncts) {
      (keysOf(model, conjunct) != null ? enforced : residual).add(conjunct);
    }
    // The backend cannot sort: orderEnforced false makes the core sort and page (C4.2, C4.3).
    return new Pushdown(Where.and(enforced), Where.and(residual), false);
  }

  /** The primary keys an enforced where selects; null for every row. */
  private static @Nullable Collection<List<Object>> keys(ModelDefinition model, Where where) {
    if (where == null || where.isAll()) {
      return null;
    }
    Set<List<Object>> keys = keysOf(model, where);
    if (keys == null) {
      throw new IllegalArgumentException("helloworld does not enforce " + where);
    }
    return keys;
  }

  /**
   * The keys an id condition selects, or null when {@code where} is not one: {@code eq} or {@code
   * inq} on a single id, an {@code and} of {@code eq} on every part of a composite id, and {@code
   * and}/{@code or} of those.
   */
  private static @Nullable Set<List<Object>> keysOf(ModelDefinition model, Where where) {
    List<String> ids = model.idProperties().stream().map(PropertyDefinition::name).toList();
    if (ids.isEmpty()) {
      return null;
    }
    if (where instanceof Where.Comparison c && ids.size() == 1 && c.path().equals(ids.get(0))) {
      if (c.operator() == Operator.EQ) {
        return c.value() == null ? Set.of() : Set.of(List.of(c.value()));
      }
      if (c.operator() == Operator.INQ && c.value() instanceof List<?> values) {
        Set<List<Object>> keys = new LinkedHashSet<>();
        values.stream().filter(v -> v != null).forEach(v -> keys.add(List.of(v)));
        return keys;
      }
      return null;
    }
    if (where instanceof Where.And and && !and.conditions().isEmpty()) {
      Map<String, Object> parts = new LinkedHashMap<>();
      for (Where condition : and.conditions()) {
        if (condition instanceof Where.Comparison c
            && c.operator() == Operator.EQ
            && ids.contains(c.path())) {
          parts.put(c.path(), c.value());
        }
      }
      if (ids.size() > 1 && parts.size() == and.conditions().size() && parts.size() == ids.size()) {
        return parts.containsValue(null) ? Set.of() : Set.of(key(model, parts));
      }
      Set<List<Object>> keys = null;
      for (Where condition : and.conditions()) {
        Set<List<Object>> selected = keysOf(model, condition);
        if (selected == null) {
          return null;
        }
        if (keys == null) {
          keys = new LinkedHashSet<>(selected);
        } else {
          keys.retainAll(selected);
        }
      }
      return keys;
    }
    if (where instanceof Where.Or or) {
      Set<List<Object>> keys = new LinkedHashSet<>();
      for (Where condition : or.conditions()) {
        Set<List<Object>> selected = keysOf(model, condition);
        if (selected == null) {
          return null;
        }
        keys.addAll(selected);
      }
      return keys;
    }
    return null;
  }

  /** The backend key of an id argument: a value, or a map of the parts of a composite id. */
  private static List<Object> key(ModelDefinition model, Object id) {
    List<PropertyDefinition> ids = model.idProperties();
    if (ids.isEmpty()) {
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT, "model " + model.name() + " has no id property");
    }
    if (ids.size() == 1) {
      return List.of(requireNonNull(id, "id is null"));
    }
    if (!(id instanceof Map<?, ?> parts)) {
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT,
          "the id of " + model.name() + " is composite: expected an object of its parts");
    }
    List<Object> key = new ArrayList<>();
    for (PropertyDefinition part : ids) {
      Object value = parts.get(part.name());
      if (value == null) {
        throw new ConnectorException(
            ErrorCode.INVALID_ARGUMENT,
            "the id of " + model.name() + " lacks its part " + part.name());
      }
      key.add(value);
    }
    return List.copyOf(key);
  }

  // end:pushdown

  // tutorial:discovery
  @Override
  public List<Map<String, Object>> discoverModelDefinitions(Map<String, Object> options) {
    List<Map<String, Object>> tables = new ArrayList<>();
    for (String table : call(null, "tables", Map.of(), Session::tables)) {
      tables.add(ordered("name", table, "type", "table", "owner", account.username()));
    }
    return tables;
  }

  @Override
  public List<Map<String, Object>> discoverModelProperties(
      String table, Map<String, Object> options) {
    List<Map<String, Object>> properties = new ArrayList<>();
    for (Column column : columns(table)) {
      Map<String, Object> property = new LinkedHashMap<>();
      property.put("owner", account.username());
      property.put("tableName", table);
      property.put("columnName", column.name());
      property.put("dataType", column.type());
      property.put("dataLength", column.length());
      property.put("nullable", column.required() ? "N" : "Y");
      property.put("type", column.type());
      properties.add(property);
    }
    return properties;
  }

  @Override
  public List<Map<String, Object>> discoverPrimaryKeys(String table, Map<String, Object> options) {
    List<Map<String, Object>> keys = new ArrayList<>();
    for (Column column : columns(table)) {
      if (column.keySeq() > 0) {
        keys.add(
            ordered(
                "owner",
                account.username(),
                "tableName",
                table,
                "columnName",
                column.name(),
                "keySeq",
                column.keySeq(),
                "pkName",
                table + "_pk"));
      }
    }
    return keys;
  }

  /** The backend has no foreign keys. */
  @Override
  public List<Map<String, Object>> discoverForeignKeys(String table, Map<String, Object> options) {
    columns(table); // an unknown table is still an error
    return List.of();
  }

  /**
   * Model JSON (C1.2) for a table, ready for {@code define}: {@code greetings} → {@code Greetings}.
   */
  @Override
  public Map<String, Object> discoverSchemas(String table, Map<String, Object> options) {
    Map<String, Object> properties = new LinkedHashMap<>();
    for (Column column : columns(table)) {
      Map<String, Object> property = new LinkedHashMap<>();
      property.put("type", column.type());
      if (column.keySeq() > 0) {
        property.put("id", column.keySeq());
      }
      if (column.generated()) {
        property.put("generated", true);
      }
      if (column.required()) {
        property.put("required", true);
      }
      if (column.length() != null) {
        property.put("length", column.length());
      }
      properties.put(column.name(), property);
    }
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("name", modelName(table));
    schema.put("idInjection", false); // the table's own key is the id, or there is none
    schema.put("properties", properties);
    schema.put(NAME, Map.of("table", table));
    return schema;
  }

  private List<Column> columns(String table) {
    requireNonNull(table, "table is null");
    return call(null, "columns", Map.of("table", table), s -> s.columns(table));
  }

  /** LoopBack's naming of discovered models: {@code hello_worlds} → {@code HelloWorlds}. */
  static String modelName(String table) {
    StringBuilder name = new StringBuilder();
    for (String word : table.split("[_\\s-]+", -1)) {
      if (!word.isEmpty()) {
        name.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
      }
    }
    return name.isEmpty() ? table : name.toString();
  }

  // end:discovery

  // tutorial:call
  /**
   * Runs one backend call between the connector hooks (C9) and turns the backend's errors into
   * contract errors (C5) naming the model.
   */
  private <T> T call(
      @Nullable ModelDefinition model,
      String op,
      Map<String, Object> request,
      Function<Session, T> work) {
    Map<String, Object> nativeRequest = new LinkedHashMap<>();
    nativeRequest.put("op", op);
    nativeRequest.putAll(request);
    String modelName = model == null ? null : model.name();
    return executeNative(
        modelName,
        nativeRequest,
        ignored -> {
          try {
            return work.apply(session());
          } catch (BackendException e) {
            throw translate(modelName, e);
          }
        });
  }

  private static ConnectorException translate(@Nullable String model, BackendException e) {
    String message = (model == null ? "" : model + ": ") + e.getMessage();
    ErrorCode code =
        switch (e.reason()) {
          case UNAUTHORIZED -> ErrorCode.CONNECTION_FAILED;
          case NO_SUCH_TABLE -> ErrorCode.MODEL_NOT_FOUND;
          case NOT_FOUND -> ErrorCode.ENTITY_NOT_FOUND;
          case DUPLICATE -> ErrorCode.DUPLICATE_KEY;
          case BAD_REQUEST -> ErrorCode.INVALID_ARGUMENT;
        };
    return new ConnectorException(code, message, e);
  }

  // end:call

  /** A map from alternating keys and values, in that order (discovery output is printed). */
  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static Map<String, Object> request(
      String table, @Nullable Collection<List<Object>> keys) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("table", table);
    request.put("keys", keys == null ? "all" : List.copyOf(keys));
    return request;
  }
}
