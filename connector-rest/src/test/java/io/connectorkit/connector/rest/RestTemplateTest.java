package io.connectorkit.connector.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Feature;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.ExecuteContext;
import io.connectorkit.core.spi.ExecuteListener;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.Request;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Template operations: placeholders, type conversion, required and default values, JSONPath. */
class RestTemplateTest {
  private MockWebServer server;
  private DataSource db;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start(java.net.InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() throws IOException {
    if (db != null) {
      db.close();
    }
    server.shutdown();
  }

  private Dao geo(List<Map<String, Object>> operations) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("connector", "rest");
    settings.put("baseURL", server.url("/api/").toString());
    settings.put("operations", operations);
    db = DataSources.create("geo", settings);
    db.define("{\"name\": \"Geo\"}");
    return db.dao("Geo");
  }

  private static Map<String, Object> operation(
      Map<String, Object> template, Map<String, Object> functions) {
    return Map.of("template", template, "functions", functions);
  }

  private static Map<String, Object> map(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  private static MockResponse json(String body) {
    return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
  }

  private RecordedRequest next() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).isNotNull();
    return request;
  }

  private Dao geocoder() {
    return geo(
        List.of(
            operation(
                map(
                    "method", "GET",
                    "url", "geocode/{!street}",
                    "headers", map("X-Key", "{key=abc}", "X-None", "{none}"),
                    "query",
                        map(
                            "city", "{city=Oslo}",
                            "zip", "{zip:number}",
                            "exact", "{exact:boolean}",
                            "label", "{street}, {city=Oslo}"),
                    "responsePath", "$.results[0].location"),
                map("geocode", List.of("street", "city", "zip", "exact", "key")))));
  }

  @Test
  void invokeFillsUrlQueryAndHeadersAndAppliesTheResponsePath() throws Exception {
    Dao geo = geocoder();
    server.enqueue(
        json("{\"results\": [{\"location\": {\"lat\": 59.9, \"lng\": 10}}, {\"location\": {}}]}"));

    Object result = geo.invoke("geocode", map("street", "Main St", "zip", "0150"), null);

    RecordedRequest request = next();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getRequestUrl().encodedPath()).isEqualTo("/api/geocode/Main%20St");
    assertThat(request.getRequestUrl().queryParameter("city")).as("default").isEqualTo("Oslo");
    assertThat(request.getRequestUrl().queryParameter("zip"))
        .as("number conversion")
        .isEqualTo("150");
    assertThat(request.getRequestUrl().queryParameterNames())
        .as("a parameter without a value is left out")
        .doesNotContain("exact");
    assertThat(request.getRequestUrl().queryParameter("label")).isEqualTo("Main St, Oslo");
    assertThat(request.getHeader("X-Key")).isEqualTo("abc");
    assertThat(request.getHeader("X-None")).isNull();
    assertThat(result)
        .as("responsePath answers the list of matches")
        .isEqualTo(List.of(map("lat", 59.9, "lng", 10L)));
  }

  @Test
  void aMissingRequiredVariableIsAnInvalidArgumentNamingIt() {
    Dao geo = geocoder();
    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class, () -> geo.invoke("geocode", map("city", "Bergen"), null));
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(e.getMessage()).contains("street").contains("geocode");
    assertThat(server.getRequestCount()).as("nothing was sent").isZero();
  }

  @Test
  void aValueThatDoesNotConvertIsAnInvalidArgument() {
    Dao geo = geocoder();
    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class,
            () -> geo.invoke("geocode", map("street", "x", "zip", "abc"), null));
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(e.getMessage()).contains("zip").contains("number");
  }

  @Test
  void unknownOperationsAndArgumentsAreInvalidArguments() {
    Dao geo = geocoder();
    assertThatThrownBy(() -> geo.invoke("nope", Map.of(), null))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    assertThatThrownBy(() -> geo.invoke("geocode", map("street", "x", "bogus", 1), null))
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.getMessage()).contains("bogus"));
  }

  @Test
  void aWholeStringPlaceholderKeepsTheValuesJsonType() throws Exception {
    Dao api =
        geo(
            List.of(
                operation(
                    map(
                        "method", "POST",
                        "url", "items",
                        "body",
                            map(
                                "raw", "{raw}",
                                "data", "{data:object}",
                                "fromText", "{text:object}",
                                "count", "{n:number}",
                                "flag", "{flag:boolean}",
                                "off", "{off=false:boolean}",
                                "label", "n={n}",
                                "name", "{n:string}",
                                "{key=k}", "keyed",
                                "missing", "{missing}")),
                    map("save", List.of("raw", "data", "text", "n", "flag", "missing")))));
    server.enqueue(json("{\"ok\": true}"));

    Object result =
        api.invoke(
            "save",
            map(
                "raw",
                List.of(1, "two"),
                "data",
                map("a", 1),
                "text",
                "{\"b\": [true]}",
                "n",
                "42",
                "flag",
                "true"),
            null);

    RecordedRequest request = next();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/api/items");
    assertThat(Json.read(request.getBody().readUtf8()))
        .isEqualTo(
            Json.read(
                """
                {"raw": [1, "two"], "data": {"a": 1}, "fromText": {"b": [true]}, "count": 42,
                 "flag": true, "off": false, "label": "n=42", "name": "42", "k": "keyed",
                 "missing": null}
                """));
    assertThat(result).isEqualTo(Map.of("ok", true));
  }

  @Test
  void aFunctionParameterMayCarryADefault() throws Exception {
    Dao api =
        geo(
            List.of(
                operation(
                    map("url", "search", "query", map("q", "{q}", "size", "{size:number}")),
                    map("search", List.of("q", "size=10")))));
    server.enqueue(json("[]"));
    api.invoke("search", map("q", "x"), null);
    assertThat(next().getRequestUrl().queryParameter("size")).isEqualTo("10");
  }

  @Test
  void aNonJsonAnswerIsReturnedAsTextAndErrorsMapToContractCodes() {
    Dao api = geo(List.of(operation(map("url", "{!path}"), map("fetch", List.of("path")))));
    server.enqueue(new MockResponse().setHeader("Content-Type", "text/plain").setBody("hello"));
    assertThat(api.invoke("fetch", map("path", "t"), null)).isEqualTo("hello");

    server.enqueue(json("{\"broken\": "));
    assertThat(
            catchThrowableOfType(
                    ConnectorException.class, () -> api.invoke("fetch", map("path", "t"), null))
                .code())
        .isEqualTo(ErrorCode.BACKEND_ERROR);

    server.enqueue(new MockResponse().setResponseCode(422).setBody("{}"));
    assertThat(
            catchThrowableOfType(
                    ConnectorException.class, () -> api.invoke("fetch", map("path", "t"), null))
                .code())
        .isEqualTo(ErrorCode.VALIDATION_FAILED);
  }

  @Test
  void hooksSeeAndMayChangeTemplateRequests() throws Exception {
    Dao geo = geocoder();
    List<Object> seen = new CopyOnWriteArrayList<>();
    db.unwrap(Connector.class)
        .addExecuteListener(
            new ExecuteListener() {
              @Override
              public void beforeExecute(ExecuteContext context) {
                Request request = (Request) context.request();
                context.setRequest(
                    request.newBuilder().header("Authorization", "Bearer from-hook").build());
              }

              @Override
              public void afterExecute(ExecuteContext context) {
                seen.add(context.model());
                seen.add(((RestResponse) context.response()).status());
              }
            });
    server.enqueue(json("{\"results\": []}"));
    assertThat(geo.invoke("geocode", map("street", "s"), null))
        .as("no match: an empty list")
        .isEqualTo(List.of());
    assertThat(next().getHeader("Authorization")).isEqualTo("Bearer from-hook");
    assertThat(seen).containsExactly("Geo", 200);
  }

  @Test
  void operationsAreAFeatureAndCrudIsOffUnlessAskedFor() {
    geocoder();
    assertThat(db.features()).contains(Feature.OPERATIONS);
    assertThat(db.features()).doesNotContain(Feature.CRUD, Feature.NUMERIC_IDS);
    assertThatThrownBy(() -> db.dao("Geo").find(null))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_OPERATION);
              assertThat(e.getMessage()).isEqualTo("rest does not support CRUD");
            });

    db.close();
    db = DataSources.create("plain", Map.of("connector", "rest", "baseURL", "http://127.0.0.1:9/"));
    db.define("{\"name\": \"Geo\"}");
    assertThatThrownBy(() -> db.dao("Geo").invoke("geocode", Map.of(), null))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.getMessage()).isEqualTo("rest does not support OPERATIONS"));
  }

  @Test
  void badOperationsAreAConfigurationError() {
    Map<String, Object> settings =
        Map.of("connector", "rest", "operations", List.of(Map.of("functions", Map.of())));
    assertThatThrownBy(() -> DataSources.create("bad", settings))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
              assertThat(e.getMessage()).contains("operations[0].template");
            });
  }

  @Test
  void valuesThatAreNotBooleansOrJsonAreInvalidArguments() {
    Template template = new Template("t", map("flag", "maybe", "data", "{not json", "n", "x"));
    assertThatThrownBy(() -> template.expand("{flag:boolean}"))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
              assertThat(e.getMessage()).contains("`flag`").contains("boolean");
            });
    assertThatThrownBy(() -> template.expand("{data:object}"))
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.getMessage()).contains("`data`"));
    assertThat(template.expand("{n:string}")).isEqualTo("x");
    assertThat(new Template("t", map("n", 5L)).expand("{n:string}")).isEqualTo("5");
    assertThat(new Template("t", map("o", map("a", 1L))).expand("{o:json}"))
        .isEqualTo(map("a", 1L));
    assertThat(new Template("t", map("b", "1")).expand("{b:boolean}")).isEqualTo(true);
    assertThat(new Template("t", map("d", " 12 ")).expand("{d:number}")).isEqualTo(12L);
  }

  @Test
  void anAbsoluteUrlIsUsedAsItIsAndATextBodyIsSentAsText() throws Exception {
    Dao api =
        geo(
            List.of(
                operation(
                    map(
                        "method",
                        "put",
                        "url",
                        server.url("/elsewhere/") + "{id}",
                        "headers",
                        map("Content-Type", "text/plain"),
                        "body",
                        "note: {text}"),
                    map("note", List.of("id", "text")))));
    server.enqueue(new MockResponse().setResponseCode(204));
    assertThat(api.invoke("note", map("id", 3L, "text", "hi"), null)).isNull();
    RecordedRequest request = next();
    assertThat(request.getMethod()).isEqualTo("PUT");
    assertThat(request.getPath()).isEqualTo("/elsewhere/3");
    assertThat(request.getHeader("Content-Type")).startsWith("text/plain");
    assertThat(request.getBody().readUtf8()).isEqualTo("note: hi");
  }

  @Test
  void configuredHeadersAndAuthApplyToTemplatesAndATemplatesOwnHeaderWins() throws Exception {
    Map<String, Object> settings = new HashMap<>();
    settings.put("connector", "rest");
    settings.put("baseURL", server.url("/api/").toString());
    settings.put("headers", map("X-Client", "ck", "X-Key", "configured"));
    settings.put("auth", map("bearer", "tok"));
    settings.put(
        "operations",
        List.of(
            operation(
                map("url", "k", "headers", map("X-Key", "{key}")), map("k", List.of("key")))));
    db = DataSources.create("geo", settings);
    db.define("{\"name\": \"Geo\"}");
    server.enqueue(json("{}"));
    db.dao("Geo").invoke("k", map("key", "own"), null);
    RecordedRequest request = next();
    assertThat(request.getHeader("X-Key")).isEqualTo("own");
    assertThat(request.getHeader("X-Client")).isEqualTo("ck");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer tok");

    server.enqueue(json("{}"));
    db.dao("Geo").invoke("k", Map.of(), null);
    assertThat(next().getHeader("X-Key"))
        .as("a template header without a value leaves the configured one")
        .isEqualTo("configured");
  }

  @Test
  void aResponsePathAnswersEveryMatchOfAFilterExpression() throws Exception {
    Dao api =
        geo(
            List.of(
                operation(
                    map("url", "items", "responsePath", "$.items[?(@.n > 1)].name"),
                    map("items", List.of()))));
    server.enqueue(
        json(
            "{\"items\": [{\"n\": 1, \"name\": \"a\"}, {\"n\": 2, \"name\": \"b\"},"
                + " {\"n\": 3, \"name\": \"c\"}]}"));
    assertThat(api.invoke("items", Map.of(), null)).isEqualTo(List.of("b", "c"));
  }

  @Test
  void anInvalidResponsePathIsAConfigurationError() {
    Dao api =
        geo(
            List.of(
                operation(map("url", "items", "responsePath", "$.[[["), map("items", List.of()))));
    server.enqueue(json("{}"));
    assertThatThrownBy(() -> api.invoke("items", Map.of(), null))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID));
  }

  @Test
  void crudTrueKeepsTheCrudMethodsBesideTheOperations() throws Exception {
    Map<String, Object> settings = new HashMap<>();
    settings.put("connector", "rest");
    settings.put("baseURL", server.url("/api/").toString());
    settings.put("crud", true);
    settings.put("operations", List.of(operation(map("url", "x"), map("x", List.of()))));
    db = DataSources.create("both", settings);
    db.define("{\"name\": \"Geo\"}");
    assertThat(db.features()).contains(Feature.OPERATIONS, Feature.NUMERIC_IDS);
    server.enqueue(json("[]"));
    assertThat(db.dao("Geo").find(null)).isEmpty();
    assertThat(next().getPath()).isEqualTo("/api/geos");
  }

  @Test
  void placeholdersInMixedTextAndDefaultsWithColons() {
    Template template = new Template("t", map("x", 50L, "y", "YYY"));
    assertThat(template.expand("{x=100}ABC{y}123")).isEqualTo("50ABCYYY123");
    assertThat(new Template("t", Map.of()).expand("{url=http://h:1/p}")).isEqualTo("http://h:1/p");
    assertThat(new Template("t", Map.of()).expand("{n=7:number}")).isEqualTo(7L);
    assertThat(new Template("t", map("b", 0L)).expand("{b:boolean}")).isEqualTo(false);
    assertThatThrownBy(() -> new Template("t", Map.of()).expand("x{^must}"))
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.getMessage()).contains("`must`"));
  }
}
