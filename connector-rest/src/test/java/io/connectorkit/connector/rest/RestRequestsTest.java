package io.connectorkit.connector.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.ExecuteContext;
import io.connectorkit.core.spi.ExecuteListener;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Request;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Exact request shapes of CRUD mode, error mapping, timeouts, retries and hooks. */
class RestRequestsTest {
  private static final String PERSON =
      """
      {"name": "Person", "properties": {
        "id": {"type": "number", "id": true, "generated": true},
        "name": "string", "age": "number", "birthday": "date", "photo": "buffer"}}
      """;

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

  private Dao people(Map<String, Object> extra) {
    Map<String, Object> settings = new HashMap<>(extra);
    settings.put("connector", "rest");
    settings.put("baseURL", server.url("/api").toString());
    db = DataSources.create("api", settings);
    db.define(PERSON);
    return db.dao("Person");
  }

  private Dao people() {
    return people(Map.of());
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  private RecordedRequest next() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).as("a request reached the server").isNotNull();
    return request;
  }

  private static Object parse(String json) throws IOException {
    return Json.read(json);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parseObject(String json) throws IOException {
    return (Map<String, Object>) Json.read(json);
  }

  // ---------------------------------------------------------------- request shapes

  @Test
  void createPostsTheDataToThePluralResource() throws Exception {
    server.enqueue(
        json(200, "{\"id\": 1, \"name\": \"Ann\", \"birthday\": \"1980-12-08T00:00:00.000Z\"}"));
    Map<String, Object> created =
        people(Map.of("headers", Map.of("X-Api-Key", "k1")))
            .create(Map.of("name", "Ann", "birthday", "1980-12-08", "photo", "AQID"));

    RecordedRequest request = next();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/api/people");
    assertThat(request.getHeader("Content-Type")).startsWith("application/json");
    assertThat(request.getHeader("Accept")).isEqualTo("application/json");
    assertThat(request.getHeader("X-Api-Key")).isEqualTo("k1");
    assertThat(parseObject(request.getBody().readUtf8()))
        .containsEntry("name", "Ann")
        .containsEntry("birthday", "1980-12-08T00:00:00.000Z")
        .containsEntry("photo", "AQID");
    assertThat(created)
        .containsEntry("id", 1L)
        .containsEntry("birthday", Instant.parse("1980-12-08T00:00:00Z"));
  }

  @Test
  void findSendsTheWholeFilterAsJsonInTheQueryString() throws Exception {
    server.enqueue(json(200, "[{\"id\": 2, \"name\": \"Bob\", \"age\": 31}]"));
    List<Map<String, Object>> rows =
        people()
            .find(
                Filter.builder()
                    .where(
                        Where.and(
                            Where.gt("age", 30),
                            Where.regexp("name", "/^b/i"),
                            Where.eq("birthday", "1980-12-08"),
                            Where.inq("id", List.of(1, 2))))
                    .order("name DESC")
                    .limit(5)
                    .skip(10)
                    .build());

    RecordedRequest request = next();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getRequestUrl().encodedPath()).isEqualTo("/api/people");
    assertThat(request.getPath()).as("the filter JSON is percent-encoded").contains("filter=%7B");
    assertThat(parse(request.getRequestUrl().queryParameter("filter")))
        .isEqualTo(
            parse(
                """
                {"where": {"age": {"gt": 30}, "name": {"regexp": "/^b/i"},
                           "birthday": "1980-12-08T00:00:00.000Z", "id": {"inq": [1, 2]}},
                 "order": ["name DESC"], "limit": 5, "skip": 10}
                """));
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0)).containsEntry("age", 31L).containsEntry("name", "Bob");
  }

  @Test
  void aNonArrayAnswerToFindIsAnError() {
    Dao people = people();
    server.enqueue(json(200, "{\"id\": 1}"));
    assertThat(failure(() -> people.find(null)).code()).isEqualTo(ErrorCode.BACKEND_ERROR);
  }

  @Test
  void conditionsOnOnePropertyAreSentAsAnAndList() throws Exception {
    server.enqueue(json(200, "[]"));
    people().find(Filter.where(Where.and(Where.gt("age", 1), Where.lt("age", 9))));
    assertThat(parse(next().getRequestUrl().queryParameter("filter")))
        .isEqualTo(
            parse("{\"where\": {\"and\": [{\"age\": {\"gt\": 1}}, {\"age\": {\"lt\": 9}}]}}"));
  }

  @Test
  void findWithoutAFilterSendsNoQuery() throws Exception {
    server.enqueue(json(200, "[]"));
    assertThat(people().find(null)).isEmpty();
    assertThat(next().getPath()).isEqualTo("/api/people");
  }

  @Test
  void findByIdGetsTheResourceAndA404IsNoRecord() throws Exception {
    Dao people = people();
    server.enqueue(json(200, "{\"id\": 7, \"name\": \"Cy\"}"));
    server.enqueue(json(404, "{\"error\": {\"statusCode\": 404, \"message\": \"not found\"}}"));

    assertThat(people.findById(7))
        .get()
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("name", "Cy");
    assertThat(next().getPath()).isEqualTo("/api/people/7");
    assertThat(people.findById(8)).isEmpty();
    assertThat(next().getPath()).isEqualTo("/api/people/8");
  }

  @Test
  void countGetsTheCountRouteWithTheWhere() throws Exception {
    server.enqueue(json(200, "{\"count\": 3}"));
    assertThat(people().count(Where.eq("name", "a b"))).isEqualTo(3);
    RecordedRequest request = next();
    assertThat(request.getRequestUrl().encodedPath()).isEqualTo("/api/people/count");
    assertThat(parse(request.getRequestUrl().queryParameter("where")))
        .isEqualTo(parse("{\"name\": \"a b\"}"));
  }

  @Test
  void updateAllPatchesTheCollectionInLb4AndPostsToUpdateInLb3() throws Exception {
    server.enqueue(json(200, "{\"count\": 2}"));
    assertThat(people().updateAll(Where.gt("age", 1), Map.of("name", "x"))).isEqualTo(2);
    RecordedRequest lb4 = next();
    assertThat(lb4.getMethod()).isEqualTo("PATCH");
    assertThat(lb4.getRequestUrl().encodedPath()).isEqualTo("/api/people");
    assertThat(lb4.getRequestUrl().queryParameter("where")).isEqualTo("{\"age\":{\"gt\":1}}");
    assertThat(parse(lb4.getBody().readUtf8())).isEqualTo(Map.of("name", "x"));
    db.close();

    server.enqueue(json(200, "{\"count\": 1}"));
    assertThat(people(Map.of("api", "lb3")).updateAll(null, Map.of("name", "y"))).isEqualTo(1);
    RecordedRequest lb3 = next();
    assertThat(lb3.getMethod()).isEqualTo("POST");
    // LoopBack 3 serves a model at its plural as written (Person → People), as LoopBack 3 does.
    assertThat(lb3.getRequestUrl().encodedPath()).isEqualTo("/api/People/update");
    // A real LoopBack 3 server fails POST /update without a where (500), so "every row" is {}.
    assertThat(lb3.getRequestUrl().queryParameter("where"))
        .as("no where: every row, as an explicit empty where")
        .isEqualTo("{}");
  }

  @Test
  void lb4CreateAndReplaceLeaveOutNullsExceptOnDefaultedProperties() throws Exception {
    // A real LoopBack 4 server refuses "note": null (its JSON schema is not nullable); left out,
    // the property is missing, which reads as null. A null on a defaulted property must be sent,
    // or the server would store the default instead.
    people();
    db.define(
        """
        {"name": "Memo", "properties": {"id": {"type": "number", "id": true},
          "note": "string", "status": {"type": "string", "default": "new"}}}""");
    Dao memos = db.dao("Memo");
    server.enqueue(json(200, "{\"id\": 1, \"status\": null}"));
    memos.create(mapOf("id", 1, "note", null, "status", null));
    assertThat(parseObject(next().getBody().readUtf8())).isEqualTo(mapOf("id", 1L, "status", null));

    server.enqueue(new MockResponse().setResponseCode(204));
    server.enqueue(json(200, "{\"id\": 1, \"status\": \"x\"}"));
    memos.replaceById(1, mapOf("note", null, "status", "x"));
    RecordedRequest put = next();
    assertThat(put.getMethod()).isEqualTo("PUT");
    assertThat(parseObject(put.getBody().readUtf8())).doesNotContainKey("note");
    next();

    server.enqueue(new MockResponse().setResponseCode(204));
    server.enqueue(json(200, "{\"id\": 1, \"status\": \"x\"}"));
    memos.updateById(1, mapOf("note", null));
    assertThat(parseObject(next().getBody().readUtf8()))
        .as("a patch keeps its nulls: there null clears the property")
        .isEqualTo(mapOf("note", null));
  }

  private static Map<String, Object> mapOf(Object... keysAndValues) {
    Map<String, Object> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  @Test
  void updateByIdPatchesTheEntityAndReadsItBackAfterA204() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(204));
    server.enqueue(json(200, "{\"id\": 7, \"name\": \"New\", \"age\": 5}"));
    Dao people = people();
    Map<String, Object> updated = people.updateById(7, Map.of("name", "New"));

    RecordedRequest patch = next();
    assertThat(patch.getMethod()).isEqualTo("PATCH");
    assertThat(patch.getPath()).isEqualTo("/api/people/7");
    assertThat(parse(patch.getBody().readUtf8())).isEqualTo(Map.of("name", "New"));
    RecordedRequest reload = next();
    assertThat(reload.getMethod()).isEqualTo("GET");
    assertThat(reload.getPath()).isEqualTo("/api/people/7");
    assertThat(updated).containsEntry("name", "New").containsEntry("age", 5L);
  }

  @Test
  void replaceByIdPutsTheEntityAndUsesTheAnsweredBody() throws Exception {
    server.enqueue(json(200, "{\"id\": 7, \"name\": \"R\"}"));
    Map<String, Object> replaced = people().replaceById(7, Map.of("name", "R"));
    RecordedRequest put = next();
    assertThat(put.getMethod()).isEqualTo("PUT");
    assertThat(put.getPath()).isEqualTo("/api/people/7");
    assertThat(replaced).containsEntry("name", "R").containsEntry("id", 7L);
    assertThat(server.getRequestCount()).as("a body answers: no reload").isEqualTo(1);
  }

  @Test
  void deleteAllDeletesTheCollectionWithTheWhere() throws Exception {
    server.enqueue(json(200, "{\"count\": 4}"));
    assertThat(people().deleteAll(Where.lt("age", 3))).isEqualTo(4);
    RecordedRequest request = next();
    assertThat(request.getMethod()).isEqualTo("DELETE");
    assertThat(request.getRequestUrl().encodedPath()).isEqualTo("/api/people");
    assertThat(request.getRequestUrl().queryParameter("where")).isEqualTo("{\"age\":{\"lt\":3}}");
  }

  @Test
  void deleteByIdDeletesTheEntityRoute() throws Exception {
    Dao people = people();
    server.enqueue(new MockResponse().setResponseCode(204));
    assertThat(people.deleteById(7)).isEqualTo(1);
    RecordedRequest request = next();
    assertThat(request.getMethod()).isEqualTo("DELETE");
    assertThat(request.getPath()).isEqualTo("/api/people/7");

    server.enqueue(json(404, "{\"error\": {\"statusCode\": 404, \"message\": \"no 8\"}}"));
    assertThat(people.deleteById(8)).as("404: nothing deleted").isZero();
    assertThat(next().getPath()).isEqualTo("/api/people/8");

    server.enqueue(json(200, "{\"count\": 1}"));
    assertThat(people.deleteById(9)).as("LoopBack 3 answers a count").isEqualTo(1);
    assertThat(next().getPath()).isEqualTo("/api/people/9");

    server.enqueue(json(500, "{}"));
    assertThat(failure(() -> people.deleteById(10)).code()).isEqualTo(ErrorCode.BACKEND_ERROR);
  }

  @Test
  void restPathIsAnAliasOfBaseUrl() throws Exception {
    db =
        DataSources.create(
            "alias", Map.of("connector", "rest", "restPath", server.url("/v1").toString()));
    db.define(PERSON);
    server.enqueue(json(200, "[]"));
    db.dao("Person").find(null);
    assertThat(next().getPath()).isEqualTo("/v1/people");
  }

  @Test
  void crudModeDeclaresItsFeaturesHonestly() {
    people();
    assertThat(db.features())
        .containsExactlyInAnyOrder(
            io.connectorkit.core.common.Feature.CRUD,
            io.connectorkit.core.common.Feature.FREE_FORM_PROPERTIES,
            io.connectorkit.core.common.Feature.NESTED_PROPERTIES,
            io.connectorkit.core.common.Feature.NUMERIC_IDS,
            io.connectorkit.core.common.Feature.STRING_IDS);
  }

  @Test
  void resourceNameModelSettingOverridesThePlural() throws Exception {
    people();
    db.define("{\"name\": \"Thing\", \"rest\": {\"resourceName\": \"v2/stuff\"}}");
    server.enqueue(json(200, "[]"));
    db.dao("Thing").find(null);
    assertThat(next().getPath()).isEqualTo("/api/v2/stuff");
  }

  @Test
  void tooLongAWhereIsLeftToTheCoreInsteadOfOverflowingTheUrl() throws Exception {
    server.enqueue(json(200, "[{\"id\": 1, \"age\": 10}, {\"id\": 2, \"age\": 11}]"));
    List<Object> many = new java.util.ArrayList<>();
    for (long i = 0; i < 5_000; i++) {
      many.add(i * 10);
    }
    List<Map<String, Object>> rows =
        people(Map.of("maxUrlLength", 2_000))
            .find(Filter.where(Where.and(Where.inq("age", many), Where.gt("id", 0))));
    assertThat(next().getPath().length()).isLessThan(2_000);
    assertThat(rows).extracting(row -> row.get("id")).containsExactly(1L);
  }

  // ---------------------------------------------------------------- errors

  private ConnectorException failure(Runnable call) {
    return catchThrowableOfType(ConnectorException.class, call::run);
  }

  @Test
  void httpStatusesMapToContractCodes() {
    Dao people = people();
    server.enqueue(json(409, "{\"error\": {\"statusCode\": 409, \"message\": \"dup\"}}"));
    assertThat(failure(() -> people.create(Map.of("name", "a"))).code())
        .isEqualTo(ErrorCode.DUPLICATE_KEY);

    server.enqueue(
        json(
            422,
            "{\"error\": {\"statusCode\": 422, \"name\": \"ValidationError\", \"message\": \"bad\","
                + " \"details\": {\"name\": [\"can't be blank\"]}}}"));
    ConnectorException invalid = failure(() -> people.create(Map.of("name", "a")));
    assertThat(invalid.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    assertThat(invalid.details()).containsEntry("name", List.of("can't be blank"));

    server.enqueue(json(400, "{\"error\": {\"statusCode\": 400, \"message\": \"no\"}}"));
    assertThat(failure(() -> people.find(null)).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);

    server.enqueue(new MockResponse().setResponseCode(404));
    assertThat(failure(() -> people.updateById(3, Map.of("name", "a"))).code())
        .as("404 on an id-targeted write")
        .isEqualTo(ErrorCode.ENTITY_NOT_FOUND);

    server.enqueue(json(404, "{\"error\": {\"message\": \"no route\"}}"));
    assertThat(failure(() -> people.find(null)).code())
        .as("404 of a collection route is a backend failure")
        .isEqualTo(ErrorCode.BACKEND_ERROR);
  }

  @Test
  void aContractCodeInTheErrorBodyRoundTripsExactly() {
    Dao people = people();
    server.enqueue(
        json(
            400,
            "{\"error\": {\"statusCode\": 400, \"code\": \"INVALID_FILTER\", \"message\":"
                + " \"unknown property `x`\"}}"));
    ConnectorException e = failure(() -> people.find(null));
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FILTER);
    assertThat(e.getMessage()).isEqualTo("unknown property `x`");
  }

  @Test
  void otherStatusesAreBackendErrorsWithTheStatusAndABoundedExcerpt() {
    Dao people = people();
    server.enqueue(new MockResponse().setResponseCode(500).setBody("boom ".repeat(1_000)));
    ConnectorException e = failure(() -> people.find(null));
    assertThat(e.code()).isEqualTo(ErrorCode.BACKEND_ERROR);
    assertThat(e.getMessage()).contains("HTTP 500").contains("boom");
    assertThat(e.getMessage().length()).isLessThan(HttpErrors.EXCERPT_LENGTH + 200);
    assertThat(e.details()).containsEntry("status", 500L);
  }

  @Test
  void aNonJsonOrTruncatedBodyIsAnErrorNeverAnEmptyResult() {
    Dao people = people();
    server.enqueue(new MockResponse().setHeader("Content-Type", "text/html").setBody("<html>"));
    assertThat(failure(() -> people.find(null)).code()).isEqualTo(ErrorCode.BACKEND_ERROR);

    server.enqueue(json(200, "[{\"id\": 1}, {\"id\""));
    assertThat(failure(() -> people.find(null)).code()).isEqualTo(ErrorCode.BACKEND_ERROR);

    server.enqueue(json(200, "").setBody(""));
    assertThat(failure(() -> people.find(null)).code())
        .as("an empty body is not an empty list")
        .isEqualTo(ErrorCode.BACKEND_ERROR);

    server.enqueue(
        json(200, "[{\"id\": 1}, {\"id\": 2}]")
            .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
    assertThat(failure(() -> people.find(null)).code()).isEqualTo(ErrorCode.BACKEND_ERROR);
  }

  @Test
  void aSlowResponseTimesOut() {
    Dao people = people(Map.of("readTimeout", 200));
    server.enqueue(json(200, "[]").setHeadersDelay(2, TimeUnit.SECONDS));
    ConnectorException e = failure(() -> people.find(null));
    assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
  }

  @Test
  void aCallTimeoutBoundsTheWholeCall() {
    Dao people = people(Map.of("callTimeout", 300));
    server.enqueue(json(200, "[]").throttleBody(1, 1, TimeUnit.SECONDS));
    assertThat(failure(() -> people.find(null)).code()).isEqualTo(ErrorCode.TIMEOUT);
  }

  @Test
  void anUnreachableServerIsAConnectionFailure() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    db =
        DataSources.create(
            "down", Map.of("connector", "rest", "baseURL", "http://127.0.0.1:" + port + "/api"));
    db.define(PERSON);
    assertThat(failure(() -> db.dao("Person").find(null)).code())
        .isEqualTo(ErrorCode.CONNECTION_FAILED);
    assertThat(failure(db::ping).code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
  }

  @Test
  void aConnectTimeoutIsAConnectionFailureAndEvenAPostIsRetriedAfterIt() throws IOException {
    java.net.InetAddress loopback = java.net.InetAddress.getLoopbackAddress();
    List<java.net.Socket> fillers = new java.util.ArrayList<>();
    // A listening socket whose accept queue is full drops new SYNs: the connect hangs.
    try (ServerSocket full = new ServerSocket(0, 1, loopback)) {
      for (int i = 0; i < 16; i++) {
        java.net.Socket filler = new java.net.Socket();
        try {
          filler.connect(full.getLocalSocketAddress(), 200);
          fillers.add(filler);
        } catch (IOException e) {
          filler.close();
          break;
        }
      }
      db =
          DataSources.create(
              "slow",
              Map.of(
                  "connector",
                  "rest",
                  "baseURL",
                  "http://127.0.0.1:" + full.getLocalPort() + "/api",
                  "connectTimeout",
                  200,
                  "retry",
                  Map.of("count", 1, "backoff", 0)));
      db.define(PERSON);
      java.util.concurrent.atomic.AtomicInteger attempts = countAttempts();
      long started = System.nanoTime();
      ConnectorException e = failure(() -> db.dao("Person").create(Map.of("name", "a")));
      assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
      assertThat(e.getMessage()).contains("connect timeout").contains("POST http://127.0.0.1:");
      assertThat(attempts).as("never sent, so the POST was tried again").hasValue(2);
      assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(5));
    } finally {
      for (java.net.Socket filler : fillers) {
        filler.close();
      }
    }
  }

  @Test
  void aPostIsRetriedWhenTheConnectionWasNeverMade() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    db =
        DataSources.create(
            "down",
            Map.of(
                "connector",
                "rest",
                "baseURL",
                "http://127.0.0.1:" + port + "/api",
                "retry",
                Map.of("count", 2, "backoff", 0)));
    db.define(PERSON);
    java.util.concurrent.atomic.AtomicInteger attempts = countAttempts();
    assertThat(failure(() -> db.dao("Person").create(Map.of("name", "a"))).code())
        .isEqualTo(ErrorCode.CONNECTION_FAILED);
    assertThat(attempts).as("a refused connection cannot have reached the server").hasValue(3);
  }

  private java.util.concurrent.atomic.AtomicInteger countAttempts() {
    java.util.concurrent.atomic.AtomicInteger attempts =
        new java.util.concurrent.atomic.AtomicInteger();
    db.unwrap(Connector.class)
        .addExecuteListener(
            new ExecuteListener() {
              @Override
              public void afterExecute(ExecuteContext context) {
                attempts.incrementAndGet();
              }
            });
    return attempts;
  }

  @Test
  void pingAnswersTrueForAnyHttpAnswer() {
    people();
    server.enqueue(new MockResponse().setResponseCode(404));
    assertThat(db.ping()).isTrue();
  }

  // ---------------------------------------------------------------- retries

  @Test
  void anIdempotentRequestIsRetriedAfterADroppedConnection() throws Exception {
    Dao people = people(Map.of("retry", Map.of("count", 2, "backoff", 10)));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(json(503, "{}"));
    server.enqueue(json(200, "[{\"id\": 1}]"));
    assertThat(people.find(null)).hasSize(1);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aPostIsNeverRepeatedAfterItReachedTheServer() throws Exception {
    Dao people = people(Map.of("retry", Map.of("count", 3, "backoff", 0)));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(json(200, "{\"id\": 1, \"name\": \"a\"}"));
    assertThat(failure(() -> people.create(Map.of("name", "a"))).code())
        .isEqualTo(ErrorCode.BACKEND_ERROR);
    assertThat(server.getRequestCount()).as("the POST was sent once").isEqualTo(1);

    server.enqueue(json(503, "{}"));
    server.enqueue(json(200, "{\"count\": 1}"));
    assertThat(failure(() -> people.updateAll(null, Map.of("name", "b"))).code())
        .as("a 503 to a PATCH is not retried either")
        .isEqualTo(ErrorCode.BACKEND_ERROR);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aPostIsRetriedWhenTheSettingsSaySo() throws Exception {
    Dao people = people(Map.of("retry", Map.of("count", 1, "backoff", 0, "nonIdempotent", true)));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(json(200, "{\"id\": 1, \"name\": \"a\"}"));
    assertThat(people.create(Map.of("name", "a"))).containsEntry("id", 1L);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void withoutRetrySettingsNothingIsRepeated() {
    Dao people = people();
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(json(200, "[]"));
    assertThat(failure(() -> people.find(null)).code()).isEqualTo(ErrorCode.BACKEND_ERROR);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  // ---------------------------------------------------------------- auth, secrets, hooks

  @Test
  void bearerAndBasicAuthAreSentAndNeverShown() throws Exception {
    people(Map.of("auth", Map.of("bearer", "s3cr3t-token")));
    server.enqueue(json(200, "[]"));
    db.dao("Person").find(null);
    assertThat(next().getHeader("Authorization")).isEqualTo("Bearer s3cr3t-token");
    assertThat(db.toString()).doesNotContain("s3cr3t-token");
    assertThat(db.unwrap(Connector.class).toString()).doesNotContain("s3cr3t-token");
    assertThat(db.settings().toString()).doesNotContain("s3cr3t-token");
    db.close();

    people(Map.of("auth", Map.of("username", "ann", "password", "pw-9876")));
    server.enqueue(json(500, "{}"));
    ConnectorException e = failure(() -> db.dao("Person").find(null));
    assertThat(next().getHeader("Authorization"))
        .isEqualTo(okhttp3.Credentials.basic("ann", "pw-9876"));
    assertThat(db.toString()).doesNotContain("pw-9876");
    assertThat(e.getMessage()).doesNotContain("pw-9876").doesNotContain("Basic");
  }

  @Test
  void executeHooksMayChangeTheRequestAndSeeTheResponse() throws Exception {
    Dao people = people();
    List<Object> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    db.unwrap(Connector.class)
        .addExecuteListener(
            new ExecuteListener() {
              @Override
              public void beforeExecute(ExecuteContext context) {
                Request request = (Request) context.request();
                context.setRequest(request.newBuilder().header("X-Trace", "t-1").build());
              }

              @Override
              public void afterExecute(ExecuteContext context) {
                seen.add(context.model());
                seen.add(context.response());
                seen.add(context.error());
              }
            });
    server.enqueue(json(200, "[]"));
    people.find(null);
    assertThat(next().getHeader("X-Trace")).isEqualTo("t-1");
    assertThat(seen.get(0)).isEqualTo("Person");
    assertThat(seen.get(1)).isInstanceOf(RestResponse.class);
    RestResponse response = (RestResponse) seen.get(1);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("[]");
    assertThat(response.request().header("X-Trace")).isEqualTo("t-1");

    seen.clear();
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    failure(() -> people.find(null));
    assertThat(seen.get(2)).isInstanceOf(ConnectorException.class);
  }

  @Test
  void badSettingsAreRejectedNamingTheKey() {
    ConnectorException e =
        failure(() -> DataSources.create("x", Map.of("connector", "rest", "api", "lb9")));
    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
    assertThat(e.getMessage()).contains("api");
    e =
        failure(
            () ->
                DataSources.create(
                    "x", Map.of("connector", "rest", "retry", Map.of("count", "many"))));
    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
    e = failure(() -> DataSources.create("x", Map.of("connector", "rest", "baseURL", "nope")));
    assertThat(e.getMessage()).contains("baseURL");
  }
}
