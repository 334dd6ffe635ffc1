package io.connectorkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectorkit.core.ConnectorRegistry;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ExecSessionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PERSON =
      """
      {"op":"define","model":{"name":"Person","properties":{\
      "name":{"type":"string","required":true},"age":"number","birthday":"date",\
      "vip":{"type":"boolean","default":false},"address":"object","tags":["string"],\
      "photo":"buffer"}}}""";

  private DataSource dataSource;
  private ExecSession session;

  @BeforeEach
  void openSession() {
    dataSource = DataSources.create("db", Map.of("connector", "memory"));
    session = new ExecSession(dataSource);
    assertThat(ok(PERSON).path("name").asText()).isEqualTo("Person");
  }

  @AfterEach
  void closeSession() {
    session.close();
    dataSource.close();
  }

  private JsonNode response(String line) {
    String response = session.handle(line);
    assertThat(response).doesNotContain("\n");
    try {
      return JSON.readTree(response);
    } catch (Exception e) {
      throw new AssertionError("response is not JSON: " + response, e);
    }
  }

  private JsonNode ok(String line) {
    JsonNode response = response(line);
    assertThat(response.path("ok").asBoolean()).as("%s → %s", line, response).isTrue();
    assertThat(response.has("error")).isFalse();
    return response.get("result");
  }

  private JsonNode error(String line, String code) {
    JsonNode response = response(line);
    assertThat(response.path("ok").isBoolean()).isTrue();
    assertThat(response.path("ok").asBoolean()).as("%s → %s", line, response).isFalse();
    JsonNode error = response.get("error");
    assertThat(error.path("code").asText()).as("%s → %s", line, response).isEqualTo(code);
    assertThat(error.path("message").isTextual()).isTrue();
    assertThat(error.path("details").isObject()).isTrue();
    return error;
  }

  private void createPeople() {
    ok(
        """
        {"op":"create","model":"Person","data":[{"name":"Ada","age":36,"vip":true},\
        {"name":"Alan","age":41},{"name":"Grace","age":85,"vip":true}]}""");
  }

  @Nested
  class Crud {
    @Test
    void createReturnsTheEntityWithItsGeneratedIdAndEveryDeclaredProperty() {
      JsonNode created = ok("{\"op\":\"create\",\"model\":\"Person\",\"data\":{\"name\":\"Ada\"}}");

      assertThat(created.path("id").isIntegralNumber()).isTrue();
      assertThat(created.path("id").asLong()).isEqualTo(1);
      assertThat(created.path("name").asText()).isEqualTo("Ada");
      assertThat(created.path("vip").asBoolean(true)).isFalse();
      assertThat(created.has("age")).isTrue();
      assertThat(created.path("age").isNull()).isTrue();
      assertThat(created.path("tags").isNull()).isTrue();
    }

    @Test
    void createWithAnArrayReturnsTheEntitiesInInputOrder() {
      JsonNode created =
          ok(
              """
              {"op":"create","model":"Person","data":[{"name":"B"},{"name":"A"},{"name":"C"}]}""");

      assertThat(created.isArray()).isTrue();
      assertThat(created.findValuesAsText("name")).containsExactly("B", "A", "C");
      assertThat(created.findValues("id")).extracting(JsonNode::asLong).containsExactly(1L, 2L, 3L);
    }

    @Test
    void createWithAnArrayItemThatIsNotAnObjectIsAnInvalidArgumentAndWritesNothing() {
      JsonNode error =
          error(
              "{\"op\":\"create\",\"model\":\"Person\",\"data\":[{\"name\":\"A\"},5]}",
              "INVALID_ARGUMENT");

      assertThat(error.path("message").asText()).contains("item 1");
      assertThat(ok("{\"op\":\"count\",\"model\":\"Person\"}").asLong()).isZero();
    }

    @Test
    void createWithoutDataIsAnInvalidArgument() {
      error("{\"op\":\"create\",\"model\":\"Person\"}", "INVALID_ARGUMENT");
      error("{\"op\":\"create\",\"model\":\"Person\",\"data\":\"x\"}", "INVALID_ARGUMENT");
    }

    @Test
    void findReturnsAnArrayOfEntities() {
      createPeople();

      JsonNode found =
          ok(
              """
              {"op":"find","model":"Person","filter":{"where":{"age":{"gt":40}},\
              "order":"age DESC","fields":["name"]}}""");

      assertThat(found.toString()).isEqualTo("[{\"name\":\"Grace\"},{\"name\":\"Alan\"}]");
    }

    @Test
    void findWithoutFilterReturnsEveryEntityInIdOrder() {
      createPeople();

      assertThat(ok("{\"op\":\"find\",\"model\":\"Person\"}").findValuesAsText("name"))
          .containsExactly("Ada", "Alan", "Grace");
    }

    @Test
    void filterAndWhereMayBeGivenAsJsonText() {
      createPeople();

      JsonNode found =
          ok(
              """
              {"op":"find","model":"Person",\
              "filter":"{\\"where\\":{\\"vip\\":true},\\"fields\\":[\\"name\\"]}"}""");
      JsonNode count =
          ok("{\"op\":\"count\",\"model\":\"Person\",\"where\":\"{\\\"age\\\":{\\\"lt\\\":50}}\"}");

      assertThat(found.toString()).isEqualTo("[{\"name\":\"Ada\"},{\"name\":\"Grace\"}]");
      assertThat(count.asLong()).isEqualTo(2);
    }

    @Test
    void aFilterThatIsNeitherAnObjectNorJsonTextIsAnInvalidFilter() {
      error("{\"op\":\"find\",\"model\":\"Person\",\"filter\":5}", "INVALID_FILTER");
      error("{\"op\":\"count\",\"model\":\"Person\",\"where\":[1]}", "INVALID_FILTER");
      error("{\"op\":\"find\",\"model\":\"Person\",\"filter\":\"{nope\"}", "INVALID_FILTER");
    }

    @Test
    void findOneAndFindByIdReturnTheEntityOrNull() {
      createPeople();

      assertThat(
              ok("{\"op\":\"findOne\",\"model\":\"Person\",\"filter\":{\"order\":\"age DESC\"}}")
                  .path("name")
                  .asText())
          .isEqualTo("Grace");
      assertThat(
              ok("""
                 {"op":"findOne","model":"Person","filter":{"where":{"age":1}}}""")
                  .isNull())
          .isTrue();
      assertThat(ok("{\"op\":\"findById\",\"model\":\"Person\",\"id\":2}").path("name").asText())
          .isEqualTo("Alan");
      assertThat(
              ok("{\"op\":\"findById\",\"model\":\"Person\",\"id\":\"2\",\"filter\":{\"fields\":[\"age\"]}}")
                  .toString())
          .isEqualTo("{\"age\":41}");
      assertThat(ok("{\"op\":\"findById\",\"model\":\"Person\",\"id\":99}").isNull()).isTrue();
    }

    @Test
    void findByIdWithoutIdIsAnInvalidArgument() {
      error("{\"op\":\"findById\",\"model\":\"Person\"}", "INVALID_ARGUMENT");
    }

    @Test
    void countReturnsANumberAndExistsABoolean() {
      createPeople();

      assertThat(ok("{\"op\":\"count\",\"model\":\"Person\"}").isIntegralNumber()).isTrue();
      assertThat(ok("{\"op\":\"count\",\"model\":\"Person\"}").asLong()).isEqualTo(3);
      assertThat(ok("{\"op\":\"count\",\"model\":\"Person\",\"where\":{\"vip\":true}}").asLong())
          .isEqualTo(2);
      assertThat(ok("{\"op\":\"exists\",\"model\":\"Person\",\"id\":1}").isBoolean()).isTrue();
      assertThat(ok("{\"op\":\"exists\",\"model\":\"Person\",\"id\":1}").asBoolean()).isTrue();
      assertThat(ok("{\"op\":\"exists\",\"model\":\"Person\",\"id\":9}").asBoolean()).isFalse();
    }

    @Test
    void updateAllDeleteAllAndDeleteByIdReturnACountObject() {
      createPeople();

      assertThat(
              ok("""
                      {"op":"updateAll","model":"Person","where":{"vip":true},\
                      "data":{"age":1}}""")
                  .toString())
          .isEqualTo("{\"count\":2}");
      assertThat(ok("{\"op\":\"deleteById\",\"model\":\"Person\",\"id\":1}").toString())
          .isEqualTo("{\"count\":1}");
      assertThat(ok("{\"op\":\"deleteById\",\"model\":\"Person\",\"id\":1}").toString())
          .isEqualTo("{\"count\":0}");
      assertThat(ok("{\"op\":\"deleteAll\",\"model\":\"Person\",\"where\":{\"age\":1}}").toString())
          .isEqualTo("{\"count\":1}");
      assertThat(ok("{\"op\":\"deleteAll\",\"model\":\"Person\"}").toString())
          .isEqualTo("{\"count\":1}");
    }

    @Test
    void updateAllWithoutWhereUpdatesEveryRow() {
      createPeople();

      assertThat(
              ok("{\"op\":\"updateAll\",\"model\":\"Person\",\"data\":{\"vip\":false}}").toString())
          .isEqualTo("{\"count\":3}");
      assertThat(ok("{\"op\":\"count\",\"model\":\"Person\",\"where\":{\"vip\":false}}").asLong())
          .isEqualTo(3);
    }

    @Test
    void loopBackAliasesRunTheSameOperations() {
      createPeople();

      assertThat(
              ok("""
                 {"op":"update","model":"Person","where":{"age":36},"data":{"age":37}}""")
                  .toString())
          .isEqualTo("{\"count\":1}");
      assertThat(ok("{\"op\":\"destroyById\",\"model\":\"Person\",\"id\":1}").toString())
          .isEqualTo("{\"count\":1}");
      assertThat(ok("{\"op\":\"destroyAll\",\"model\":\"Person\"}").toString())
          .isEqualTo("{\"count\":2}");
    }

    @Test
    void updateByIdPatchesAndReplaceByIdReplaces() {
      createPeople();

      JsonNode patched =
          ok("{\"op\":\"updateById\",\"model\":\"Person\",\"id\":1,\"data\":{\"age\":37}}");
      JsonNode replaced =
          ok(
              "{\"op\":\"replaceById\",\"model\":\"Person\",\"id\":1,\"data\":{\"name\":\"Ada L\"}}");

      assertThat(patched.path("name").asText()).isEqualTo("Ada");
      assertThat(patched.path("age").asLong()).isEqualTo(37);
      assertThat(patched.path("vip").asBoolean()).isTrue();
      assertThat(replaced.path("name").asText()).isEqualTo("Ada L");
      assertThat(replaced.path("age").isNull()).isTrue();
      assertThat(replaced.path("vip").asBoolean(true)).isFalse();
      assertThat(replaced.path("id").asLong()).isEqualTo(1);
    }

    @Test
    void updateByIdOfAMissingIdIsEntityNotFound() {
      error(
          "{\"op\":\"updateById\",\"model\":\"Person\",\"id\":9,\"data\":{\"age\":1}}",
          "ENTITY_NOT_FOUND");
    }

    @Test
    void upsertAndItsAliasesPatchAnExistingIdAndCreateWithoutOne() {
      createPeople();

      for (String op : new String[] {"upsert", "updateOrCreate", "patchOrCreate"}) {
        JsonNode patched =
            ok(
                "{\"op\":\""
                    + op
                    + "\",\"model\":\"Person\",\"data\":{\"id\":2,\"age\":"
                    + op.length()
                    + "}}");
        assertThat(patched.path("name").asText()).isEqualTo("Alan");
        assertThat(patched.path("age").asLong()).isEqualTo(op.length());
      }
      JsonNode created = ok("{\"op\":\"upsert\",\"model\":\"Person\",\"data\":{\"name\":\"Bo\"}}");

      assertThat(created.path("id").asLong()).isEqualTo(4);
    }

    @Test
    void upsertWithAnArrayIsAnInvalidArgument() {
      error(
          "{\"op\":\"upsert\",\"model\":\"Person\",\"data\":[{\"name\":\"A\"}]}",
          "INVALID_ARGUMENT");
    }

    @Test
    void replaceOrCreateReplacesAnExistingRecord() {
      createPeople();

      JsonNode replaced =
          ok(
              """
              {"op":"replaceOrCreate","model":"Person","data":{"id":1,"name":"Ada"}}""");

      assertThat(replaced.path("age").isNull()).isTrue();
      assertThat(replaced.path("vip").asBoolean(true)).isFalse();
    }

    @Test
    void upsertWithWhereCreatesThenPatches() {
      JsonNode created =
          ok(
              """
              {"op":"upsertWithWhere","model":"Person","where":{"name":"Ada"},\
              "data":{"name":"Ada","age":1}}""");
      JsonNode patched =
          ok(
              """
              {"op":"upsertWithWhere","model":"Person","where":{"name":"Ada"},\
              "data":{"age":2}}""");

      assertThat(created.path("id").asLong()).isEqualTo(1);
      assertThat(patched.path("id").asLong()).isEqualTo(1);
      assertThat(patched.path("age").asLong()).isEqualTo(2);
    }

    @Test
    void findOrCreateReturnsTheInstanceAndWhetherItWasCreated() {
      String request =
          """
          {"op":"findOrCreate","model":"Person","filter":{"where":{"name":"Ada"}},\
          "data":{"name":"Ada","age":36}}""";

      JsonNode first = ok(request);
      JsonNode second = ok(request);

      assertThat(first.path("created").asBoolean()).isTrue();
      assertThat(first.path("instance").path("id").asLong()).isEqualTo(1);
      assertThat(second.path("created").asBoolean(true)).isFalse();
      assertThat(second.path("instance").path("age").asLong()).isEqualTo(36);
      assertThat(second.fieldNames()).toIterable().containsExactly("instance", "created");
    }

    @Test
    void validationFailuresCarryTheirDetails() {
      JsonNode error =
          error(
              "{\"op\":\"create\",\"model\":\"Person\",\"data\":{\"age\":3}}", "VALIDATION_FAILED");

      assertThat(error.path("details").has("name")).isTrue();
      assertThat(error.path("message").asText()).contains("Person");
    }

    @Test
    void anUnknownOperatorIsAnInvalidFilter() {
      error(
          "{\"op\":\"find\",\"model\":\"Person\",\"filter\":{\"where\":{\"age\":{\"gtt\":1}}}}",
          "INVALID_FILTER");
    }
  }

  @Nested
  class Values {
    @Test
    void datesAreWrittenAsIsoUtcWithMilliseconds() {
      JsonNode created =
          ok(
              """
              {"op":"create","model":"Person","data":{"name":"Ada","birthday":"1815-12-10"}}""");

      assertThat(created.path("birthday").asText()).isEqualTo("1815-12-10T00:00:00.000Z");
      assertThat(
              ok("""
                      {"op":"find","model":"Person","filter":{"where":\
                      {"birthday":"1815-12-10T00:00:00.000Z"},"fields":["birthday"]}}""")
                  .toString())
          .isEqualTo("[{\"birthday\":\"1815-12-10T00:00:00.000Z\"}]");
    }

    @Test
    void buffersAreWrittenAsBase64AndRoundTrip() {
      JsonNode created =
          ok(
              """
              {"op":"create","model":"Person","data":{"name":"Ada","photo":"aGVsbG8="}}""");

      assertThat(created.path("photo").asText()).isEqualTo("aGVsbG8=");
      assertThat(ok("{\"op\":\"findById\",\"model\":\"Person\",\"id\":1}").path("photo").asText())
          .isEqualTo("aGVsbG8=");
    }

    @Test
    void integralNumbersStayIntegersAndExactUpToTwoToThe53() {
      String line =
          session.handle(
              """
              {"op":"create","model":"Person","data":{"name":"Ada","age":9007199254740993}}""");
      String decimal =
          session.handle(
              """
              {"op":"create","model":"Person","data":{"name":"Bo","age":30.0}}""");
      String fraction =
          session.handle(
              """
              {"op":"create","model":"Person","data":{"name":"Cy","age":30.5}}""");

      assertThat(line).contains("\"age\":9007199254740993");
      assertThat(decimal).contains("\"age\":30,");
      assertThat(fraction).contains("\"age\":30.5,");
    }

    @Test
    void objectsAndArraysRoundTripAndUnsetPropertiesAreNull() {
      String line =
          session.handle(
              """
              {"op":"create","model":"Person","data":{"name":"Ada",\
              "address":{"city":"London","geo":{"lat":51.5,"n":[1,2]}},"tags":["a","b"]}}""");

      assertThat(line)
          .isEqualTo(
              "{\"ok\":true,\"result\":{\"id\":1,\"name\":\"Ada\",\"age\":null,\"birthday\":null,"
                  + "\"vip\":false,\"address\":{\"city\":\"London\",\"geo\":{\"lat\":51.5,"
                  + "\"n\":[1,2]}},\"tags\":[\"a\",\"b\"],\"photo\":null}}");
    }

    @Test
    void unicodeIsWrittenAsUtf8TextOnOneLine() {
      String line =
          session.handle(
              """
              {"op":"create","model":"Person","data":{"name":"Zoë 🚀 \\"q\\" \\\\ line\\nbreak"}}""");

      assertThat(line).contains("\"name\":\"Zoë 🚀 \\\"q\\\" \\\\ line\\nbreak\"");
      assertThat(line).doesNotContain("\n");
    }
  }

  @Nested
  class Models {
    @Test
    void defineReturnsTheModelJsonAsRegisteredWithTheInjectedId() {
      JsonNode defined =
          ok(
              """
              {"op":"define","model":{"name":"Note","properties":{"text":"string"}}}""");

      assertThat(defined.path("name").asText()).isEqualTo("Note");
      assertThat(defined.path("properties").has("id")).isTrue();
      assertThat(defined.path("properties").has("text")).isTrue();
      assertThat(ok("{\"op\":\"count\",\"model\":\"Note\"}").asLong()).isZero();
    }

    @Test
    void defineWithoutAModelObjectIsAnInvalidArgument() {
      error("{\"op\":\"define\"}", "INVALID_ARGUMENT");
      error("{\"op\":\"define\",\"model\":\"Note\"}", "INVALID_ARGUMENT");
    }

    @Test
    void aBadModelDefinitionIsAConfigurationError() {
      error(
          """
          {"op":"define","model":{"name":"Bad","properties":{"x":"decimalish"}}}""",
          "CONFIGURATION_INVALID");
    }

    @Test
    void anUndefinedModelIsModelNotFound() {
      error("{\"op\":\"find\",\"model\":\"Robot\"}", "MODEL_NOT_FOUND");
    }

    @Test
    void migrationIsPassedToTheConnector() {
      // The memory connector migrates, as LoopBack's does: automigrate empties the model's data.
      ok("{\"op\":\"create\",\"model\":\"Person\",\"data\":{\"name\":\"Ada\"}}");
      ok("{\"op\":\"automigrate\",\"models\":[\"Person\"]}");
      ok("{\"op\":\"autoupdate\"}");

      assertThat(ok("{\"op\":\"count\",\"model\":\"Person\"}").asLong()).isZero();
    }

    @Test
    void migrationOfAnUndefinedModelIsModelNotFound() {
      error("{\"op\":\"automigrate\",\"models\":[\"Robot\"]}", "MODEL_NOT_FOUND");
    }

    @Test
    void migrationModelsMustBeAnArrayOfNames() {
      error("{\"op\":\"automigrate\",\"models\":\"Person\"}", "INVALID_ARGUMENT");
      error("{\"op\":\"automigrate\",\"models\":[1]}", "INVALID_ARGUMENT");
    }

    @Test
    void pingAnswersTrue() {
      assertThat(session.handle("{\"op\":\"ping\"}")).isEqualTo("{\"ok\":true,\"result\":true}");
    }
  }

  @Nested
  class Transactions {
    private String begin(String request) {
      JsonNode result = ok(request);
      assertThat(result.fieldNames()).toIterable().containsExactly("tx");
      return result.path("tx").asText();
    }

    private String create(String tx, String name) {
      return "{\"op\":\"create\",\"model\":\"Person\",\"tx\":\""
          + tx
          + "\",\"data\":{\"name\":\""
          + name
          + "\"}}";
    }

    @Test
    void workInATransactionIsVisibleOutsideOnlyAfterCommit() {
      String tx = begin("{\"op\":\"begin\",\"isolation\":\"READ_COMMITTED\"}");

      ok(create(tx, "Ada"));
      long inside = ok("{\"op\":\"count\",\"model\":\"Person\",\"tx\":\"" + tx + "\"}").asLong();
      long outside = ok("{\"op\":\"count\",\"model\":\"Person\"}").asLong();
      JsonNode committed = ok("{\"op\":\"commit\",\"tx\":\"" + tx + "\"}");

      assertThat(inside).isEqualTo(1);
      assertThat(outside).isZero();
      assertThat(committed.toString()).isEqualTo("{\"tx\":\"" + tx + "\",\"state\":\"COMMITTED\"}");
      assertThat(ok("{\"op\":\"count\",\"model\":\"Person\"}").asLong()).isEqualTo(1);
    }

    @Test
    void rollbackDiscardsTheWork() {
      String tx = begin("{\"op\":\"begin\"}");
      ok(create(tx, "Ada"));

      JsonNode rolledBack = ok("{\"op\":\"rollback\",\"tx\":\"" + tx + "\"}");

      assertThat(rolledBack.path("state").asText()).isEqualTo("ROLLED_BACK");
      assertThat(ok("{\"op\":\"count\",\"model\":\"Person\"}").asLong()).isZero();
    }

    @Test
    void aFinishedTransactionIsNotActive() {
      String tx = begin("{\"op\":\"begin\"}");
      ok("{\"op\":\"commit\",\"tx\":\"" + tx + "\"}");

      error(create(tx, "Ada"), "TRANSACTION_NOT_ACTIVE");
      error("{\"op\":\"commit\",\"tx\":\"" + tx + "\"}", "TRANSACTION_NOT_ACTIVE");
      error("{\"op\":\"rollback\",\"tx\":\"" + tx + "\"}", "TRANSACTION_NOT_ACTIVE");
    }

    @Test
    void aTimedOutTransactionIsNotActive() throws InterruptedException {
      String tx = begin("{\"op\":\"begin\",\"isolation\":\"SERIALIZABLE\",\"timeout\":50}");

      Thread.sleep(300);

      error(create(tx, "Ada"), "TRANSACTION_NOT_ACTIVE");
    }

    @Test
    void anUnknownTransactionIdIsAnInvalidArgument() {
      JsonNode error = error(create("nope", "Ada"), "INVALID_ARGUMENT");
      error("{\"op\":\"commit\",\"tx\":\"nope\"}", "INVALID_ARGUMENT");

      assertThat(error.path("message").asText()).contains("nope");
    }

    @Test
    void commitAndRollbackRequireATransaction() {
      error("{\"op\":\"commit\"}", "INVALID_ARGUMENT");
      error("{\"op\":\"rollback\",\"tx\":5}", "INVALID_ARGUMENT");
    }

    @Test
    void isolationLevelsAreReadInEitherSpellingAndUnknownOnesRefused() {
      begin("{\"op\":\"begin\",\"isolation\":\"read committed\"}");
      error("{\"op\":\"begin\",\"isolation\":\"SNAPSHOT\"}", "INVALID_ARGUMENT");
      error("{\"op\":\"begin\",\"timeout\":-1}", "INVALID_ARGUMENT");
      error("{\"op\":\"begin\",\"timeout\":\"10\"}", "INVALID_ARGUMENT");
    }

    @Test
    void closingTheSessionRollsBackOpenTransactions() {
      String tx = begin("{\"op\":\"begin\"}");
      ok(create(tx, "Ada"));

      session.close();

      assertThat(ok("{\"op\":\"count\",\"model\":\"Person\"}").asLong()).isZero();
      error(create(tx, "Ada"), "TRANSACTION_NOT_ACTIVE");
    }
  }

  @Nested
  class BadRequests {
    @Test
    void aLineThatIsNotJsonIsAnInvalidArgumentAndTheSessionGoesOn() {
      JsonNode error = error("{\"op\":\"find\",\"model\":", "INVALID_ARGUMENT");

      assertThat(error.path("message").asText()).startsWith("request is not valid JSON");
      assertThat(ok("{\"op\":\"ping\"}").asBoolean()).isTrue();
    }

    @Test
    void trailingTextAfterTheRequestIsRefused() {
      error("{\"op\":\"ping\"} {\"op\":\"ping\"}", "INVALID_ARGUMENT");
    }

    @Test
    void aRequestThatIsNotAnObjectIsAnInvalidArgument() {
      error("[1,2]", "INVALID_ARGUMENT");
      error("\"ping\"", "INVALID_ARGUMENT");
      error("null", "INVALID_ARGUMENT");
    }

    @Test
    void aRequestWithoutAStringOpIsAnInvalidArgument() {
      assertThat(error("{\"model\":\"Person\"}", "INVALID_ARGUMENT").path("message").asText())
          .contains("\"op\"");
      error("{\"op\":1}", "INVALID_ARGUMENT");
    }

    @Test
    void anUnknownOpIsAnInvalidArgumentNamingIt() {
      assertThat(error("{\"op\":\"frobnicate\"}", "INVALID_ARGUMENT").path("message").asText())
          .contains("frobnicate");
    }

    @Test
    void anOperationWithoutModelIsAnInvalidArgument() {
      assertThat(error("{\"op\":\"find\"}", "INVALID_ARGUMENT").path("message").asText())
          .contains("model");
      error("{\"op\":\"find\",\"model\":{\"name\":\"Person\"}}", "INVALID_ARGUMENT");
    }

    @Test
    void anArgumentTheOperationDoesNotTakeIsRefusedRatherThanIgnored() {
      assertThat(
              error("{\"op\":\"find\",\"model\":\"Person\",\"filtr\":{}}", "INVALID_ARGUMENT")
                  .path("message")
                  .asText())
          .contains("filtr");
    }

    @Test
    void aDuplicateKeyIsRefused() {
      error("{\"op\":\"find\",\"op\":\"deleteAll\",\"model\":\"Person\"}", "INVALID_ARGUMENT");
    }

    @Test
    void blankLinesGetNoResponse() {
      assertThat(session.handle("")).isNull();
      assertThat(session.handle("   \t")).isNull();
    }

    @Test
    void runAnswersEveryLineInOrderAndSkipsBlankOnes() throws Exception {
      StringWriter out = new StringWriter();

      session.run(
          new BufferedReader(
              new StringReader(
                  "\uFEFF{\"op\":\"ping\"}\n\n{oops\n{\"op\":\"count\",\"model\":\"Person\"}\n")),
          out);

      assertThat(out.toString().split("\n", -1))
          .hasSize(4)
          .satisfies(lines -> assertThat(lines[0]).isEqualTo("{\"ok\":true,\"result\":true}"))
          .satisfies(lines -> assertThat(lines[1]).startsWith("{\"ok\":false,"))
          .satisfies(lines -> assertThat(lines[2]).isEqualTo("{\"ok\":true,\"result\":0}"))
          .satisfies(lines -> assertThat(lines[3]).isEmpty());
    }
  }

  @Nested
  class PassThrough {
    private DataSource echo;
    private ExecSession echoSession;

    @BeforeEach
    void openEcho() {
      echo =
          DataSources.create(
              "echo",
              Map.of("connector", "echo"),
              ConnectorRegistry.empty().register(new EchoConnectorFactory()));
      echoSession = new ExecSession(echo);
      echoSession.handle(
          "{\"op\":\"define\",\"model\":{\"name\":\"Weather\",\"properties\":{\"city\":\"string\"}}}");
    }

    @AfterEach
    void closeEcho() {
      echoSession.close();
      echo.close();
    }

    @Test
    void executePassesCommandAndParams() {
      assertThat(
              echoSession.handle(
                  "{\"op\":\"execute\",\"command\":\"SELECT ?\",\"params\":[1,\"a\",null,2.5]}"))
          .isEqualTo(
              "{\"ok\":true,\"result\":{\"command\":\"SELECT ?\",\"params\":[1,\"a\",null,2.5],"
                  + "\"tx\":false}}");
      assertThat(echoSession.handle("{\"op\":\"execute\",\"command\":\"x\"}"))
          .contains("\"params\":[]");
    }

    @Test
    void executeWithoutCommandIsAnInvalidArgument() {
      assertThat(echoSession.handle("{\"op\":\"execute\"}")).contains("\"INVALID_ARGUMENT\"");
    }

    @Test
    void resultsRenderDatesBuffersAndNumbersInTheContractForms() {
      assertThat(echoSession.handle("{\"op\":\"execute\",\"command\":\"values\"}"))
          .isEqualTo(
              "{\"ok\":true,\"result\":{\"date\":\"1980-12-08T00:00:00.000Z\","
                  + "\"precise\":\"2024-02-29T13:14:15.678Z\",\"buffer\":\"aGVsbG8=\","
                  + "\"long\":9007199254740993,\"double\":1.5,\"null\":null}}");
    }

    @Test
    void connectorErrorsKeepCodeMessageAndDetailsInKeyOrder() {
      assertThat(echoSession.handle("{\"op\":\"execute\",\"command\":\"fail\"}"))
          .isEqualTo(
              "{\"ok\":false,\"error\":{\"code\":\"BACKEND_ERROR\",\"message\":\"backend said no\","
                  + "\"details\":{\"alpha\":{\"b\":3,\"y\":2},\"zeta\":1}}}");
    }

    @Test
    void anUnexpectedExceptionIsABackendErrorWithItsMessageAndNoStackTrace() {
      String line = echoSession.handle("{\"op\":\"execute\",\"command\":\"bug\"}");

      assertThat(line)
          .isEqualTo(
              "{\"ok\":false,\"error\":{\"code\":\"BACKEND_ERROR\",\"message\":\"echo connector"
                  + " bug\",\"details\":{}}}");
      assertThat(echoSession.handle("{\"op\":\"ping\"}"))
          .isEqualTo("{\"ok\":true,\"result\":true}");
    }

    @Test
    void invokePassesModelMethodAndArgs() {
      assertThat(
              echoSession.handle(
                  "{\"op\":\"invoke\",\"model\":\"Weather\",\"method\":\"forecast\","
                      + "\"args\":{\"city\":\"Oslo\",\"days\":3}}"))
          .isEqualTo(
              "{\"ok\":true,\"result\":{\"model\":\"Weather\",\"method\":\"forecast\","
                  + "\"args\":{\"city\":\"Oslo\",\"days\":3}}}");
    }

    @Test
    void invokeWithoutMethodIsAnInvalidArgument() {
      assertThat(echoSession.handle("{\"op\":\"invoke\",\"model\":\"Weather\"}"))
          .contains("\"INVALID_ARGUMENT\"");
    }

    @Test
    void discoveryPassesTableAndOptions() throws Exception {
      JsonNode models =
          JSON.readTree(
              echoSession.handle(
                  "{\"op\":\"discoverModelDefinitions\",\"options\":{\"owner\":\"test\"}}"));
      JsonNode schema =
          JSON.readTree(echoSession.handle("{\"op\":\"discoverSchemas\",\"table\":\"people\"}"));

      assertThat(models.path("result").get(0).path("options").path("owner").asText())
          .isEqualTo("test");
      assertThat(schema.path("result").path("name").asText()).isEqualTo("people");
      assertThat(echoSession.handle("{\"op\":\"discoverSchemas\"}"))
          .contains("\"INVALID_ARGUMENT\"");
    }

    @Test
    void operationsTheConnectorLacksAreUnsupported() {
      assertThat(echoSession.handle("{\"op\":\"begin\"}"))
          .isEqualTo(
              "{\"ok\":false,\"error\":{\"code\":\"UNSUPPORTED_OPERATION\","
                  + "\"message\":\"echo does not support TRANSACTIONS\",\"details\":{}}}");
    }
  }
}
