package io.connectorkit.connector.rest;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Feature;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Operator;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.Values;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.ConnectorErrors;
import io.connectorkit.core.spi.NativeCall;
import io.connectorkit.core.spi.Pushdown;
import io.connectorkit.core.spi.Settings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code rest} connector: models as remote LoopBack-style REST resources (CRUD mode) and named
 * request templates (feature {@link Feature#OPERATIONS}). See the module README for settings,
 * routes, error mapping, retries and hooks.
 */
final class RestConnector extends Connector {
  static final String NAME = "rest";
  private static final Logger LOG = LoggerFactory.getLogger(RestConnector.class);
  static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final RestConfig config;
  private final RestOperations operations;
  private final Set<Feature> features;
  private volatile @Nullable OkHttpClient client;

  RestConnector(Settings settings, RestConfig config, RestOperations operations) {
    super(NAME, settings);
    this.config = requireNonNull(config, "config is null");
    this.operations = requireNonNull(operations, "operations is null");
    this.features = features(config, operations);
  }

  @Override
  public Set<Feature> features() {
    return features;
  }

  private static Set<Feature> features(RestConfig config, RestOperations operations) {
    Set<Feature> features = EnumSet.noneOf(Feature.class);
    if (config.crud()) {
      // The server stores undeclared properties of strict: false models, evaluates nested paths
      // and generates ids; upserts are not atomic over plain REST, so the DAO shims apply.
      features.addAll(
          List.of(
              Feature.CRUD,
              Feature.FREE_FORM_PROPERTIES,
              Feature.NESTED_PROPERTIES,
              Feature.NUMERIC_IDS,
              Feature.STRING_IDS));
    }
    if (!operations.isEmpty()) {
      features.add(Feature.OPERATIONS);
    }
    return Collections.unmodifiableSet(features);
  }

  RestConfig config() {
    return config;
  }

  // ---------------------------------------------------------------- lifecycle

  @Override
  protected void doConnect() {
    client = config.newClient();
  }

  @Override
  protected void doDisconnect() {
    OkHttpClient closing = client;
    client = null;
    if (closing != null) {
      closing.dispatcher().executorService().shutdown();
      closing.connectionPool().evictAll();
    }
  }

  /** Any HTTP answer from the base URL means the server is reachable. */
  @Override
  public boolean ping() {
    connect();
    Request request = new Request.Builder().url(config.baseUrl()).head().build();
    try {
      exchange(null, request, false);
    } catch (ConnectorException e) {
      // The cause may be null (a failure without one): the constructor that says it takes null.
      throw new ConnectorException(
          ErrorCode.CONNECTION_FAILED, "ping failed: " + e.getMessage(), Map.of(), e.getCause());
    }
    return true;
  }

  private OkHttpClient client() {
    connect();
    OkHttpClient current = client;
    if (current == null) {
      throw new ConnectorException(ErrorCode.CONNECTION_FAILED, NAME + " connector is closed");
    }
    return current;
  }

  // ---------------------------------------------------------------- CRUD mode

  /** The resource URL of a model: {@code baseURL + "/" + resourceName}. */
  HttpUrl resource(ModelDefinition model) {
    String name = resourceName(model, config.dialect());
    return config.baseUrl().newBuilder().addPathSegments(stripSlashes(name)).build();
  }

  /**
   * The path of a model's resource: {@code rest.resourceName}, else LoopBack 3's {@code http.path},
   * else the model's {@code plural}, else LoopBack's plural of the model name ({@link Inflector}):
   * as it is for {@code lb3} routes ({@code Note} → {@code Notes}), lower camel case for {@code
   * lb4} ({@code TodoList} → {@code todoLists}).
   */
  static String resourceName(ModelDefinition model, RestConfig.Dialect dialect) {
    Object configured = model.connectorSettings(NAME).get("resourceName");
    if (configured instanceof String text && !text.isBlank()) {
      return text;
    }
    if (model.settings().get("http") instanceof Map<?, ?> http
        && http.get("path") instanceof String path
        && !path.isBlank()) {
      return path;
    }
    String plural =
        model.settings().get("plural") instanceof String text && !text.isBlank()
            ? text
            : Inflector.pluralize(model.name());
    return dialect == RestConfig.Dialect.LB3 ? plural : Inflector.lowerFirst(plural);
  }

  private static String stripSlashes(String path) {
    String trimmed = path;
    while (trimmed.startsWith("/")) {
      trimmed = trimmed.substring(1);
    }
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed;
  }

  private HttpUrl byId(ModelDefinition model, Object id) {
    return resource(model).newBuilder().addPathSegment(idText(id)).build();
  }

  private static String idText(Object id) {
    Object json = Json.toJsonValue(id);
    return json instanceof String text ? text : String.valueOf(json);
  }

  private void checkCrud(ModelDefinition model) {
    if (!config.crud()) {
      throw new ConnectorException(
          ErrorCode.UNSUPPORTED_OPERATION,
          Feature.CRUD.unsupportedMessage(NAME)
              + ": the datasource has \"crud\": false, so model "
              + model.name()
              + " has no CRUD methods (set \"crud\": true)");
    }
  }

  @Override
  public Map<String, Object> create(
      ModelDefinition model, Map<String, Object> data, Options options) {
    checkCrud(model);
    Request request =
        new Request.Builder().url(resource(model)).post(body(withoutNulls(model, data))).build();
    RestResponse response = send(model, request, false);
    return Json.row(model, json(response, "a JSON object"), describe(request));
  }

  @Override
  public List<Map<String, Object>> all(ModelDefinition model, Filter filter, Options options) {
    checkCrud(model);
    Object id = idLookup(model, filter);
    if (id != null) {
      // LoopBack maps a lookup by id to GET /resource/{id}: [] on 404, [row] otherwise.
      Request request = new Request.Builder().url(byId(model, id)).get().build();
      RestResponse response = exchange(model, request, true);
      if (response.status() == 404 && isEntityNotFound(response)) {
        return List.of();
      }
      checkStatus(response, true);
      return List.of(Json.row(model, json(response, "a JSON object"), describe(request)));
    }
    HttpUrl.Builder url = resource(model).newBuilder();
    Map<String, Object> json = FilterJson.filter(filter);
    if (!json.isEmpty()) {
      url.addQueryParameter("filter", Json.write(json));
    }
    Request request = new Request.Builder().url(url.build()).get().build();
    RestResponse response = send(model, request, false);
    if (!(json(response, "a JSON array") instanceof List<?> list)) {
      throw HttpErrors.badBody(response, "a JSON array");
    }
    List<Map<String, Object>> rows = new ArrayList<>(list.size());
    list.forEach(item -> rows.add(Json.row(model, item, describe(request))));
    return rows;
  }

  /** The id of a filter that only looks one record up by id; null for any other filter. */
  private static @Nullable Object idLookup(ModelDefinition model, Filter filter) {
    if (model.idName() != null
        && filter.skip() == 0
        && filter.where() instanceof Where.Comparison comparison
        && comparison.operator() == Operator.EQ
        && comparison.path().equals(model.idName())
        && comparison.value() != null
        && !idText(comparison.value()).isEmpty()) {
      return comparison.value();
    }
    return null;
  }

  /**
   * A 404 of a request for one id says the instance is missing, whatever the remote code: LoopBack
   * 4 says ENTITY_NOT_FOUND, LoopBack 3 MODEL_NOT_FOUND ("Unknown "Note" id "9"").
   */
  private static boolean isEntityNotFound(RestResponse response) {
    ErrorCode code = HttpErrors.contractCode(HttpErrors.errorObject(response.body()).get("code"));
    return code == null || code == ErrorCode.ENTITY_NOT_FOUND || code == ErrorCode.MODEL_NOT_FOUND;
  }

  @Override
  public long count(ModelDefinition model, Where where, Options options) {
    checkCrud(model);
    long total = 0;
    for (Where part : config.split(where)) {
      HttpUrl.Builder url = resource(model).newBuilder().addPathSegment("count");
      whereParameter(url, part);
      Request request = new Request.Builder().url(url.build()).get().build();
      total += countOf(send(model, request, false));
    }
    return total;
  }

  @Override
  public long update(
      ModelDefinition model, Where where, Map<String, Object> data, Options options) {
    checkCrud(model);
    long total = 0;
    for (Where part : config.split(where)) {
      HttpUrl.Builder url = resource(model).newBuilder();
      Request.Builder request = new Request.Builder();
      if (config.dialect() == RestConfig.Dialect.LB3) {
        url.addPathSegment("update");
        // A real LoopBack 3 server answers POST /update without a where with a 500 ("The where
        // argument must be an object"), so every row is asked for as an empty where.
        url.addQueryParameter("where", part.isAll() ? "{}" : Json.write(FilterJson.where(part)));
        request.url(url.build()).post(body(data));
      } else {
        whereParameter(url, part);
        request.url(url.build()).patch(body(data));
      }
      total += countOf(send(model, request.build(), false));
    }
    return total;
  }

  /**
   * A delete of one id (how the DAO's {@code deleteById} arrives) is LoopBack's {@code DELETE
   * /resource/{id}}: 204 or an entity → 1, {@code {"count": n}} (LoopBack 3) → n, 404 → 0. Any
   * other where is {@code DELETE /resource?where=} → {@code {"count": n}} in both dialects, this
   * project's extension (README).
   */
  @Override
  public long destroyAll(ModelDefinition model, Where where, Options options) {
    checkCrud(model);
    Object id = idLookup(model, Filter.where(where));
    if (id != null && !model.hasCompositeId()) {
      Request request = new Request.Builder().url(byId(model, id)).delete().build();
      RestResponse response = exchange(model, request, true);
      if (response.status() == 404 && isEntityNotFound(response)) {
        return 0;
      }
      checkStatus(response, true);
      if (response.body().isBlank()) {
        return 1;
      }
      Object body = json(response, "{\"count\": n} or the deleted entity");
      return body instanceof Map<?, ?> map && map.size() == 1 && map.containsKey("count")
          ? countOf(response)
          : 1;
    }
    long total = 0;
    for (Where part : config.split(where)) {
      HttpUrl.Builder url = resource(model).newBuilder();
      whereParameter(url, part);
      Request request = new Request.Builder().url(url.build()).delete().build();
      total += countOf(send(model, request, false));
    }
    return total;
  }

  @Override
  public Map<String, Object> updateAttributes(
      ModelDefinition model, Object id, Map<String, Object> data, Options options) {
    checkCrud(model);
    if (model.hasCompositeId()) {
      return patchComposite(model, id, data);
    }
    Request request = new Request.Builder().url(byId(model, id)).patch(body(data)).build();
    return entityOrReload(model, id, send(model, request, true));
  }

  @Override
  public Map<String, Object> replaceById(
      ModelDefinition model, Object id, Map<String, Object> data, Options options) {
    checkCrud(model);
    if (model.hasCompositeId()) {
      // No LoopBack route replaces by a where; a patch that names every declared property (absent
      // ones as null, defaults already applied by the DAO) has the same effect.
      Map<String, Object> replacement = new LinkedHashMap<>(data);
      model.properties().keySet().forEach(name -> replacement.putIfAbsent(name, null));
      return patchComposite(model, id, replacement);
    }
    Request request =
        new Request.Builder().url(byId(model, id)).put(body(withoutNulls(model, data))).build();
    return entityOrReload(model, id, send(model, request, true));
  }

  /**
   * A composite id has no URL path ({@code /resource/{id}} holds one value), so a write by id goes
   * through the where routes: {@code updateAll} on the id's where, then a {@code find}.
   */
  private Map<String, Object> patchComposite(
      ModelDefinition model, Object id, Map<String, Object> data) {
    if (!(id instanceof Map<?, ?> parts)) {
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT,
          "model " + model.name() + " has a composite id; got " + Values.show(id));
    }
    List<Where> conditions = new ArrayList<>();
    parts.forEach((name, value) -> conditions.add(Where.eq(String.valueOf(name), value)));
    Where where = Where.and(conditions);
    if (update(model, where, data, Options.NONE) == 0) {
      throw ConnectorErrors.notFound(model, Json.toJsonValue(id));
    }
    List<Map<String, Object>> rows = all(model, Filter.where(where), Options.NONE);
    if (rows.isEmpty()) {
      throw ConnectorErrors.notFound(model, Json.toJsonValue(id));
    }
    return rows.get(0);
  }

  /**
   * The entity a PATCH or PUT answered with; LoopBack 4 answers 204 without a body, so then the
   * entity is read back with {@code GET /resource/{id}}.
   */
  private Map<String, Object> entityOrReload(
      ModelDefinition model, Object id, RestResponse response) {
    if (!response.body().isEmpty()) {
      return Json.row(model, json(response, "a JSON object"), describe(response.request()));
    }
    Request reload = new Request.Builder().url(byId(model, id)).get().build();
    RestResponse reloaded = send(model, reload, true);
    return Json.row(model, json(reloaded, "a JSON object"), describe(reload));
  }

  private static void whereParameter(HttpUrl.Builder url, Where where) {
    if (!where.isAll()) {
      url.addQueryParameter("where", Json.write(FilterJson.where(where)));
    }
  }

  private static long countOf(RestResponse response) {
    Object body = json(response, "{\"count\": n}");
    Object count = body instanceof Map<?, ?> map ? map.get("count") : body;
    if (count instanceof Long value && value >= 0) {
      return value;
    }
    throw HttpErrors.badBody(response, "{\"count\": n}");
  }

  /**
   * Splits a query into the part the server evaluates and the rest (C4.6). The server applies the
   * whole filter, unless its JSON would make the URL longer than {@code maxUrlLength}: then the
   * conditions that do not fit are left to the core.
   */
  @Override
  public Pushdown pushdown(ModelDefinition model, Filter filter) {
    Where where = filter.where();
    if (config.fits(where)) {
      return Pushdown.all(where);
    }
    List<Where> conjuncts = where instanceof Where.And and ? and.conditions() : List.of(where);
    List<Where> enforced = new ArrayList<>();
    List<Where> residual = new ArrayList<>();
    for (Where conjunct : conjuncts) {
      List<Where> candidate = new ArrayList<>(enforced);
      candidate.add(conjunct);
      if (config.fits(Where.and(candidate))) {
        enforced.add(conjunct);
      } else {
        residual.add(conjunct);
      }
    }
    return new Pushdown(
        enforced.size() == 1 ? enforced.get(0) : Where.and(enforced),
        residual.size() == 1 ? residual.get(0) : Where.and(residual),
        false);
  }

  // ---------------------------------------------------------------- template operations

  /**
   * {@inheritDoc}
   *
   * @return the operation's result (README "Operations"); null for an empty body
   */
  @Override
  public @Nullable Object invoke(
      ModelDefinition model, String method, Map<String, Object> args, Options options) {
    requireNonNull(method, "method is null");
    requireNonNull(args, "args is null");
    if (operations.isEmpty()) {
      throw Feature.OPERATIONS.unsupported(NAME);
    }
    RestOperations.Call call = operations.prepare(method, args, config.baseUrl());
    RestResponse response = send(model, call.request(), false);
    return call.result(response);
  }

  // ---------------------------------------------------------------- HTTP

  /**
   * The body of a create or a replace. LoopBack 4 validates it against the model's JSON schema, in
   * which an optional property is not nullable, so a real LoopBack 4 server refuses {@code "qty":
   * null} with a 422. A property left out is stored as missing, which the contract reads as null
   * (C3), so the lb4 dialect leaves out null properties that have no default; an explicit null on a
   * property with a default is sent, since the server would otherwise apply the default.
   */
  private Map<String, Object> withoutNulls(ModelDefinition model, Map<String, Object> data) {
    if (config.dialect() != RestConfig.Dialect.LB4 || !data.containsValue(null)) {
      return data;
    }
    Map<String, Object> sent = new LinkedHashMap<>();
    data.forEach(
        (name, value) -> {
          boolean defaulted =
              model
                  .property(name)
                  .map(p -> p.defaultValue() != null || p.defaultFn() != null)
                  .orElse(false);
          if (value != null || defaulted) {
            sent.put(name, value);
          }
        });
    return sent;
  }

  private RequestBody body(Map<String, Object> data) {
    return RequestBody.create(Json.write(data), JSON);
  }

  private static String describe(Request request) {
    return HttpErrors.describe(request);
  }

  /** Sends a request and fails on an error status (C5). */
  private RestResponse send(ModelDefinition model, Request request, boolean targetsId) {
    RestResponse response = exchange(model, request, true);
    checkStatus(response, targetsId);
    return response;
  }

  private static void checkStatus(RestResponse response, boolean targetsId) {
    if (response.status() >= 400) {
      throw HttpErrors.status(response, targetsId);
    }
  }

  /**
   * The JSON body of a successful response. An empty, non-JSON or truncated body is an error, never
   * an empty result.
   */
  static Object json(RestResponse response, String expected) {
    if (response.body().isBlank()) {
      throw HttpErrors.badBody(response, expected);
    }
    try {
      return Json.read(response.body());
    } catch (IOException e) {
      throw HttpErrors.badBody(response, expected + " (the body is not complete JSON)");
    }
  }

  /**
   * One HTTP exchange with retries (README "Retries"): idempotent requests (GET, HEAD, PUT, DELETE)
   * are repeated after a transport failure or a 502/503/504; POST and PATCH only when {@code
   * retry.nonIdempotent} is set, or when the connection was never made (the server cannot have seen
   * them). Every attempt passes through the {@code execute} hooks.
   *
   * @param model null for datasource-level calls
   */
  RestResponse exchange(@Nullable ModelDefinition model, Request request, boolean retries) {
    Request withDefaults = config.decorate(request);
    boolean repeatable =
        config.retry().nonIdempotent() || RestConfig.isIdempotent(withDefaults.method());
    int attempts = retries ? config.retry().count() + 1 : 1;
    for (int attempt = 1; ; attempt++) {
      try {
        RestResponse response =
            executeNative(
                model == null ? null : model.name(),
                withDefaults,
                nativeRequest -> call((Request) nativeRequest));
        int status = response.status();
        if (attempt < attempts && repeatable && (status == 502 || status == 503 || status == 504)) {
          LOG.debug("{} answered {}; retrying", describe(request), status);
          pause(attempt);
          continue;
        }
        return response;
      } catch (ConnectorException e) {
        // A refused TLS handshake fails the same way every time: never retried.
        boolean transport = e.getCause() instanceof IOException io && !HttpErrors.tlsRefused(io);
        boolean neverSent = e.getCause() instanceof IOException io && HttpErrors.beforeSending(io);
        if (attempt < attempts && transport && (repeatable || neverSent)) {
          LOG.debug("{} failed ({}); retrying", describe(request), e.getMessage());
          pause(attempt);
          continue;
        }
        throw e;
      }
    }
  }

  private void pause(int attempt) {
    long millis = config.retry().backoff().toMillis() * attempt;
    if (millis <= 0) {
      return;
    }
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectorException(ErrorCode.TIMEOUT, "interrupted while waiting to retry", e);
    }
  }

  /** Runs one request; the body is read whole so that a truncated body fails here. */
  private RestResponse call(Request request) {
    try (Response response = client().newCall(request).execute()) {
      ResponseBody body = response.body();
      String text = body == null ? "" : body.string();
      return new RestResponse(request, response.code(), response.headers(), text);
    } catch (IOException e) {
      throw HttpErrors.transport(request, e);
    }
  }

  /**
   * An HTTP request as its method and path (the target); query values are the parameters, except
   * those whose name suggests a credential, which never leave the request.
   */
  @Override
  public NativeCall describe(Object request) {
    if (!(request instanceof Request http)) {
      return super.describe(request);
    }
    HttpUrl url = http.url();
    List<Object> values = new ArrayList<>();
    for (String name : url.queryParameterNames()) {
      if (!name.toLowerCase(java.util.Locale.ROOT)
          .matches(".*(key|token|secret|pass|auth|sig|credential).*")) {
        values.addAll(url.queryParameterValues(name));
      }
    }
    return new NativeCall(
        http.method(), url.encodedPath(), http.method() + " " + url.encodedPath(), values);
  }
}
