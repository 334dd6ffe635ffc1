package io.connectorkit.connector.helloworld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Feature;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.FilterParser;
import io.connectorkit.core.filter.Operator;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.ExecuteContext;
import io.connectorkit.core.spi.ExecuteListener;
import io.connectorkit.core.spi.Pushdown;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HelloWorldConnectorTest {
  private static final String WRONG_PASSWORD = "not-the-password-42";

  private final List<DataSource> opened = new ArrayList<>();

  /**
   * A datasource that logs in on its first operation (lazyConnect), so bad credentials show there.
   */
  private DataSource open(String username, String password) {
    DataSource db =
        DataSources.create(
            "hello",
            Map.of(
                "connector",
                "helloworld",
                "username",
                username,
                "password",
                password,
                "lazyConnect",
                true));
    opened.add(db);
    return db;
  }

  private DataSource demo() {
    return open("demo", "s3cret");
  }

  /** The seeded table, defined from its discovered schema. */
  private Dao greetings(DataSource db) {
    return db.dao(db.define(ModelDefinition.fromMap(db.discoverSchemas("greetings", null))).name());
  }

  @AfterEach
  void close() {
    opened.forEach(DataSource::close);
  }

  // ---------------------------------------------------------------- ping and credentials

  @Test
  void pingWithTheDemoAccountAnswersTrue() {
    assertThat(demo().ping()).isTrue();
  }

  @Test
  void pingWithAWrongPasswordIsConnectionFailedWithoutThePassword() {
    DataSource db = open("demo", WRONG_PASSWORD);

    ConnectorException e = catchThrowableOfType(ConnectorException.class, db::ping);

    assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
    assertThat(e.getMessage())
        .contains("cannot log in as \"demo\"")
        .contains("invalid user name or password")
        .doesNotContain(WRONG_PASSWORD);
    assertThat(String.valueOf(db)).doesNotContain(WRONG_PASSWORD);
  }

  @Test
  void anUnknownUserIsConnectionFailedOnTheFirstOperationToo() {
    DataSource db = open("mallory", WRONG_PASSWORD);

    ConnectorException e =
        catchThrowableOfType(ConnectorException.class, () -> db.discoverModelDefinitions(null));

    assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
    assertThat(e.getMessage()).contains("mallory").doesNotContain(WRONG_PASSWORD);
  }

  @Test
  void withoutLazyConnectWrongCredentialsFailWhenTheDataSourceIsCreated() {
    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class,
            () ->
                DataSources.create(
                    "hello",
                    Map.of(
                        "connector",
                        "helloworld",
                        "username",
                        "demo",
                        "password",
                        WRONG_PASSWORD)));

    assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
    assertThat(e.getMessage()).doesNotContain(WRONG_PASSWORD);
  }

  @Test
  void missingCredentialsAreRejectedWhenTheDataSourceIsCreated() {
    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class,
            () -> DataSources.create("hello", Map.of("connector", "helloworld", "username", "x")));

    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
    assertThat(e.getMessage()).contains("password");
  }

  // ---------------------------------------------------------------- discovery

  @Test
  void discoveryDescribesTheSeededGreetingsTable() {
    DataSource db = demo();
    HelloWorldConnector connector = (HelloWorldConnector) db.unwrap(Connector.class);

    assertThat(db.discoverModelDefinitions(null))
        .containsExactly(Map.of("name", "greetings", "type", "table", "owner", "demo"));
    assertThat(connector.discoverModelProperties("greetings", Map.of()))
        .extracting(p -> p.get("columnName"), p -> p.get("type"), p -> p.get("nullable"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("id", "number", "Y"),
            org.assertj.core.groups.Tuple.tuple("name", "string", "N"));
    assertThat(connector.discoverPrimaryKeys("greetings", Map.of()))
        .singleElement()
        .satisfies(
            pk -> assertThat(pk).containsEntry("columnName", "id").containsEntry("keySeq", 1));
    assertThat(connector.discoverForeignKeys("greetings", Map.of())).isEmpty();
  }

  @Test
  void discoverSchemasIsModelJsonThatDefineAcceptsAndThatReadsTheSeededRows() {
    DataSource db = demo();

    Map<String, Object> schema = db.discoverSchemas("greetings", null);

    assertThat(schema)
        .isEqualTo(
            Map.of(
                "name",
                "Greetings",
                "idInjection",
                false,
                "properties",
                Map.of(
                    "id", Map.of("type", "number", "id", 1, "generated", true),
                    "name", Map.of("type", "string", "required", true, "length", 100)),
                "helloworld",
                Map.of("table", "greetings")));
    ModelDefinition model = ModelDefinition.fromMap(schema);
    assertThat(ModelDefinition.fromMap(model.toJson())).isEqualTo(model);

    Dao greetings = db.dao(db.define(model).name());

    assertThat(greetings.find(null))
        .containsExactly(Map.of("id", 1L, "name", "hello"), Map.of("id", 2L, "name", "world"));
    assertThat(greetings.findById(2)).contains(Map.of("id", 2L, "name", "world"));
    assertThat(greetings.create(Map.of("name", "again"))).containsEntry("id", 3L);
    assertThat(db.discoverModelDefinitions(null)).hasSize(1);
  }

  @Test
  void aUserModelGetsItsOwnTableWhichDiscoveryThenLists() {
    DataSource db = demo();
    db.define("{\"name\": \"Note\", \"properties\": {\"text\": \"string\"}}");
    db.dao("Note").create(Map.of("text", "hi"));

    assertThat(db.discoverModelDefinitions(null))
        .extracting(t -> t.get("name"))
        .containsExactly("greetings", "Note");
    assertThat(db.discoverSchemas("Note", null)).containsEntry("name", "Note");
  }

  @Test
  void discoveringAnUnknownTableIsModelNotFound() {
    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class, () -> demo().discoverSchemas("nope", Map.of()));

    assertThat(e.code()).isEqualTo(ErrorCode.MODEL_NOT_FOUND);
    assertThat(e.getMessage()).contains("nope");
  }

  @Test
  void modelNamesFollowLoopBackDiscovery() {
    assertThat(HelloWorldConnector.modelName("greetings")).isEqualTo("Greetings");
    assertThat(HelloWorldConnector.modelName("order_lines")).isEqualTo("OrderLines");
  }

  // ---------------------------------------------------------------- pushdown and residual

  @Test
  void pushdownEnforcesOnlyIdConditions() {
    DataSource db = demo();
    Dao greetings = greetings(db);
    ModelDefinition model = greetings.model();
    HelloWorldConnector connector = (HelloWorldConnector) db.unwrap(Connector.class);

    Pushdown byId = connector.pushdown(model, parse("{\"where\": {\"id\": 1}}"));
    assertThat(byId.residual().isAll()).isTrue();
    assertThat(byId.orderEnforced()).as("the backend cannot sort").isFalse();

    Pushdown inq = connector.pushdown(model, parse("{\"where\": {\"id\": {\"inq\": [1, 2]}}}"));
    assertThat(inq.residual().isAll()).isTrue();

    Pushdown mixed =
        connector.pushdown(
            model, parse("{\"where\": {\"id\": {\"inq\": [1, 2]}, \"name\": {\"like\": \"w%\"}}}"));
    assertThat(mixed.enforced()).isEqualTo(Where.and(Where.inq("id", List.of(1L, 2L))));
    assertThat(mixed.residual()).isEqualTo(Where.and(Where.like("name", "w%")));

    for (String where :
        List.of(
            "{\"name\": \"hello\"}",
            "{\"id\": {\"gt\": 1}}",
            "{\"id\": {\"neq\": 1}}",
            "{\"or\": [{\"id\": 1}, {\"name\": \"world\"}]}")) {
      Pushdown pushdown = connector.pushdown(model, parse("{\"where\": " + where + "}"));
      assertThat(pushdown.enforced().isAll()).as(where).isTrue();
      assertThat(pushdown.residual().isAll()).as(where).isFalse();
    }
  }

  @Test
  void pushdownLeavesAnInqWithoutAListToTheCoreInsteadOfThrowingANullPointerException() {
    DataSource db = demo();
    ModelDefinition model = greetings(db).model();
    HelloWorldConnector connector = (HelloWorldConnector) db.unwrap(Connector.class);
    Where notAList = new Where.Comparison("id", Operator.INQ, null);

    Pushdown pushdown = connector.pushdown(model, Filter.where(notAList));

    assertThat(pushdown.enforced().isAll()).isTrue();
    assertThat(pushdown.residual()).isEqualTo(Where.and(notAList));
  }

  @Test
  void compositeIdsArePushedDownAsKeys() {
    DataSource db = demo();
    db.define(
        "{\"name\": \"Line\", \"properties\": {\"order\": {\"type\": \"number\", \"id\": 1},"
            + " \"line\": {\"type\": \"number\", \"id\": 2}, \"qty\": \"number\"}}");
    Dao lines = db.dao("Line");
    lines.create(Map.of("order", 1, "line", 1, "qty", 5));
    lines.create(Map.of("order", 1, "line", 2, "qty", 7));
    List<Object> requests = recordRequests(db);

    assertThat(lines.findById(Map.of("order", 1, "line", 2)))
        .hasValueSatisfying(row -> assertThat(row).containsEntry("qty", 7L));
    assertThat(requests).singleElement().asString().contains("keys=[[1, 2]]");
  }

  @Test
  void findByIdIsAKeyLookupAndEverythingElseIsEvaluatedByTheCore() {
    DataSource db = demo();
    Dao greetings = greetings(db);
    List<Object> requests = recordRequests(db);

    assertThat(greetings.findById(1)).contains(Map.of("id", 1L, "name", "hello"));
    assertThat(requests).singleElement().asString().contains("op=select").contains("keys=[[1]]");

    requests.clear();
    assertThat(greetings.find(parse("{\"where\": {\"name\": {\"like\": \"w%\"}}}")))
        .containsExactly(Map.of("id", 2L, "name", "world"));
    assertThat(requests).singleElement().asString().contains("keys=all");
  }

  @Test
  void residualQueriesOrderPageCountUpdateAndDelete() {
    DataSource db = demo();
    Dao greetings = greetings(db);
    greetings.create(Map.of("name", "again"));

    assertThat(greetings.find(parse("{\"order\": \"name DESC\", \"limit\": 2, \"skip\": 1}")))
        .extracting(r -> r.get("name"))
        .containsExactly("hello", "again");
    assertThat(greetings.count(Where.regexp("name", "^[hw]"))).isEqualTo(2);
    assertThat(greetings.updateAll(Where.eq("name", "world"), Map.of("name", "planet")))
        .isEqualTo(1);
    assertThat(greetings.findById(2)).contains(Map.of("id", 2L, "name", "planet"));
    assertThat(greetings.deleteAll(Where.neq("name", "planet"))).isEqualTo(2);
    assertThat(greetings.find(null)).containsExactly(Map.of("id", 2L, "name", "planet"));
  }

  @Test
  void byIdWritesPatchAndReplace() {
    DataSource db = demo();
    db.define("{\"name\": \"Item\", \"properties\": {\"name\": \"string\", \"qty\": \"number\"}}");
    Dao items = db.dao("Item");
    Object id = items.create(Map.of("name", "a", "qty", 1)).get("id");

    assertThat(items.updateById(id, Map.of("qty", 2))).containsEntry("name", "a");
    assertThat(items.replaceById(id, Map.of("name", "b")))
        .containsEntry("name", "b")
        .containsEntry("qty", null);
    assertThat(
            catchThrowableOfType(
                    ConnectorException.class, () -> items.updateById(99, Map.of("qty", 1)))
                .code())
        .isEqualTo(ErrorCode.ENTITY_NOT_FOUND);
  }

  // ---------------------------------------------------------------- features

  @Test
  void declaresCrudDiscoveryAndNumericIdsOnly() {
    DataSource db = demo();
    assertThat(db.features())
        .containsExactlyInAnyOrder(Feature.CRUD, Feature.DISCOVERY, Feature.NUMERIC_IDS);

    ConnectorException e = catchThrowableOfType(ConnectorException.class, db::beginTransaction);
    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_OPERATION);
    assertThat(e.getMessage()).isEqualTo("helloworld does not support TRANSACTIONS");
  }

  @Test
  void aStringIdThatIsNotGivenCannotBeGenerated() {
    DataSource db = demo();
    db.define(
        "{\"name\": \"Tag\", \"properties\": {\"code\": {\"type\": \"string\", \"id\": true}}}");

    ConnectorException e =
        catchThrowableOfType(ConnectorException.class, () -> db.dao("Tag").create(Map.of()));

    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_OPERATION);
    assertThat(e.getMessage()).isEqualTo("helloworld does not support STRING_IDS");
    assertThat(db.dao("Tag").create(Map.of("code", "x"))).containsEntry("code", "x");
  }

  private static Filter parse(String json) {
    return FilterParser.parse(json);
  }

  /** The native requests the connector sends from now on (CONTRACT C9). */
  private static List<Object> recordRequests(DataSource db) {
    List<Object> requests = new ArrayList<>();
    db.unwrap(Connector.class)
        .addExecuteListener(
            new ExecuteListener() {
              @Override
              public void beforeExecute(ExecuteContext context) {
                requests.add(context.request());
              }
            });
    return requests;
  }
}
