package io.connectorkit.connector.memory;

import static io.connectorkit.connector.memory.Models.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.connectorkit.core.ConnectorRegistry;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Feature;
import io.connectorkit.core.common.IsolationLevel;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.common.UpsertResult;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Order;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.IndexDefinition;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.model.PropertyType;
import io.connectorkit.core.spi.ConnectorFactory;
import io.connectorkit.core.spi.ExecuteContext;
import io.connectorkit.core.spi.ExecuteListener;
import io.connectorkit.core.spi.Settings;
import io.connectorkit.core.spi.UpsertData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MemoryConnectorTest {
  private MemoryConnector connector;
  private ModelDefinition person;

  @BeforeEach
  void setUp() {
    connector = Models.connector();
    person = connector.define(Models.person());
  }

  private Map<String, Object> create(Map<String, Object> data) {
    return connector.create(person, data, Options.NONE);
  }

  private List<Map<String, Object>> find(Where where) {
    return connector.all(person, Filter.where(where), Options.NONE);
  }

  private List<Object> ids(List<Map<String, Object>> rows) {
    return rows.stream().map(r -> r.get("id")).toList();
  }

  private static ConnectorException failure(Runnable call) {
    return catchThrowableOfType(ConnectorException.class, call::run);
  }

  private static UpsertData upsertData(Map<String, Object> data) {
    return new UpsertData(data, () -> data);
  }

  @Nested
  class Registration {
    @Test
    void factoryIsFoundThroughServiceLoaderUnderTheNameMemory() {
      ConnectorFactory factory = ConnectorRegistry.load().find("memory");
      assertThat(factory).isInstanceOf(MemoryConnectorFactory.class);
      assertThat(factory.initialize(Settings.of(Map.of())).name()).isEqualTo("memory");
    }

    @Test
    void declaresExactlyTheFeaturesItImplements() {
      assertThat(connector.features())
          .isEqualTo(
              EnumSet.of(
                  Feature.CRUD,
                  Feature.BATCH_CREATE,
                  Feature.ATOMIC_UPSERT,
                  Feature.ATOMIC_FIND_OR_CREATE,
                  Feature.FREE_FORM_PROPERTIES,
                  Feature.NESTED_PROPERTIES,
                  Feature.STRING_IDS,
                  Feature.NUMERIC_IDS,
                  Feature.TRANSACTIONS,
                  Feature.MIGRATION));
    }

    @Test
    void undeclaredFeaturesFailWithUnsupportedOperation() {
      assertThat(failure(() -> connector.discoverModelDefinitions(Map.of())))
          .returns(ErrorCode.UNSUPPORTED_OPERATION, ConnectorException::code)
          .hasMessage("memory does not support DISCOVERY");
      assertThat(failure(() -> connector.execute("x", List.of(), Options.NONE)))
          .hasMessage("memory does not support EXECUTE");
      assertThat(failure(() -> connector.invoke(person, "m", Map.of(), Options.NONE)))
          .hasMessage("memory does not support OPERATIONS");
    }

    @Test
    void pingAnswersTrueAndConnectIsIdempotent() {
      connector.connect();
      assertThat(connector.ping()).isTrue();
      connector.disconnect();
      connector.disconnect();
      assertThat(connector.isConnected()).isFalse();
    }

    @Test
    void operationOnAnUndefinedModelFailsWithModelNotFound() {
      ModelDefinition other = Models.counter();
      assertThat(failure(() -> connector.count(other, Where.all(), Options.NONE)).code())
          .isEqualTo(ErrorCode.MODEL_NOT_FOUND);
    }
  }

  @Nested
  class Migration {
    @Test
    void automigrateEmptiesTheModelAndRestartsItsIdsAtOne() {
      create(row("name", "a"));
      create(row("name", "b"));
      connector.automigrate(List.of(person));
      assertThat(connector.count(person, Where.all(), Options.NONE)).isZero();
      assertThat(create(row("name", "c")).get("id")).isEqualTo(1L);
    }

    @Test
    void autoupdateKeepsTheRowsAndIsActualIsTrueForDefinedModels() {
      create(row("name", "a"));
      connector.autoupdate(List.of(person), false);
      assertThat(connector.count(person, Where.all(), Options.NONE)).isEqualTo(1);
      assertThat(connector.isActual(List.of(person))).isTrue();
      assertThat(connector.isActual(List.of(Models.counter()))).isFalse();
    }
  }

  @Nested
  class Create {
    @Test
    void generatedNumericIdsAreSequentialFromOne() {
      assertThat(create(row("name", "a")).get("id")).isEqualTo(1L);
      assertThat(create(row("name", "b")).get("id")).isEqualTo(2L);
      assertThat(create(row("name", "c")).get("id")).isEqualTo(3L);
    }

    @Test
    void generatedIdFollowsTheGreatestExplicitId() {
      create(row("name", "a"));
      create(row("id", 10L, "name", "b"));
      assertThat(create(row("name", "c")).get("id")).isEqualTo(11L);
    }

    @Test
    void generatedIdNeverReusesTheIdOfADeletedRecord() {
      create(row("id", 10L));
      connector.destroyAll(person, Where.all(), Options.NONE);
      assertThat(create(row()).get("id")).isEqualTo(11L);
    }

    @Test
    void generatedStringIdIsARandomUuid() {
      ModelDefinition note = connector.define(Models.note());
      Object id = connector.create(note, row("text", "x"), Options.NONE).get("id");
      assertThat(id).isInstanceOf(String.class);
      assertThat(UUID.fromString((String) id).toString()).isEqualTo(id);
    }

    @Test
    void createReturnsTheStoredRecordWithItsId() {
      Map<String, Object> created = create(row("name", "a", "age", 30L));
      assertThat(created)
          .containsExactly(Map.entry("name", "a"), Map.entry("age", 30L), Map.entry("id", 1L));
    }

    @Test
    void createWithAnExistingIdFailsWithDuplicateKeyNamingModelAndId() {
      create(row("id", 5L, "name", "a"));
      ConnectorException e = failure(() -> create(row("id", 5L, "name", "b")));
      assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_KEY);
      assertThat(e).hasMessageContaining("Person").hasMessageContaining("5");
      assertThat(find(Where.all())).extracting(r -> r.get("name")).containsExactly("a");
    }

    @Test
    void uniqueIndexViolationFailsWithDuplicateKeyNamingIndexPropertyAndValue() {
      create(row("email", "a@x.org"));
      ConnectorException e = failure(() -> create(row("email", "a@x.org")));
      assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_KEY);
      assertThat(e)
          .hasMessageContaining("\"email\"")
          .hasMessageContaining("Person")
          .hasMessageContaining("email = \"a@x.org\"");
      assertThat(connector.count(person, Where.all(), Options.NONE)).isEqualTo(1);
    }

    @Test
    void propertyLevelUniqueIndexOfModelJsonIsEnforced() {
      ModelDefinition user =
          connector.define(
              ModelDefinition.fromJson(
                  """
                  {"name": "User",
                   "properties": {
                     "email": {"type": "string", "index": {"unique": true}},
                     "name": {"type": "string", "index": true}}}
                  """));
      connector.create(user, row("email", "a", "name", "n"), Options.NONE);
      connector.create(user, row("email", "b", "name", "n"), Options.NONE);
      ConnectorException e = failure(() -> connector.create(user, row("email", "a"), Options.NONE));
      assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_KEY);
      assertThat(e).hasMessageContaining("User").hasMessageContaining("email = \"a\"");
      assertThat(connector.count(user, Where.eq("name", "n"), Options.NONE)).isEqualTo(2);
    }

    @Test
    void nullValuesNeverCollideInAUniqueIndex() {
      create(row("name", "a"));
      create(row("name", "b", "email", null));
      assertThat(connector.count(person, Where.all(), Options.NONE)).isEqualTo(2);
    }

    @Test
    void uniqueIndexIsCheckedOnUpdateAndNothingChangesOnViolation() {
      create(row("name", "a", "email", "a@x"));
      create(row("name", "b", "email", "b@x"));
      ConnectorException e =
          failure(
              () ->
                  connector.update(
                      person, Where.eq("name", "b"), row("email", "a@x"), Options.NONE));
      assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_KEY);
      assertThat(find(Where.eq("email", "b@x"))).hasSize(1);
    }

    @Test
    void compositeUniqueIndexNamesEveryPropertyInItsMessage() {
      Map<String, Integer> keys = new LinkedHashMap<>();
      keys.put("a", 1);
      keys.put("b", -1);
      ModelDefinition pair =
          connector.define(
              Models.model(
                  "Pair",
                  List.of(
                      Models.id("id", PropertyType.NUMBER, 1, true),
                      PropertyDefinition.of("a", PropertyType.STRING),
                      PropertyDefinition.of("b", PropertyType.NUMBER)),
                  List.of(new IndexDefinition("a_b", keys, true))));
      connector.create(pair, row("a", "x", "b", 1L), Options.NONE);
      connector.create(pair, row("a", "x", "b", 2L), Options.NONE);
      assertThat(failure(() -> connector.create(pair, row("a", "x", "b", 1L), Options.NONE)))
          .returns(ErrorCode.DUPLICATE_KEY, ConnectorException::code)
          .hasMessageContaining("\"a_b\"")
          .hasMessageContaining("a = \"x\", b = 1");
    }
  }

  @Nested
  class CreateAll {
    @Test
    void createsEveryRecordInInputOrder() {
      List<Map<String, Object>> created =
          connector.createAll(
              person, List.of(row("name", "a"), row("name", "b"), row("name", "c")), Options.NONE);
      assertThat(ids(created)).containsExactly(1L, 2L, 3L);
      assertThat(created).extracting(r -> r.get("name")).containsExactly("a", "b", "c");
    }

    @Test
    void duplicateWithinTheBatchWritesNothing() {
      ConnectorException e =
          failure(
              () ->
                  connector.createAll(
                      person, List.of(row("id", 1L), row("id", 2L), row("id", 1L)), Options.NONE));
      assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_KEY);
      assertThat(find(Where.all())).isEmpty();
    }

    @Test
    void duplicateWithAStoredRecordWritesNothing() {
      create(row("id", 2L, "name", "old"));
      assertThat(
              failure(
                      () ->
                          connector.createAll(
                              person, List.of(row("id", 1L), row("id", 2L)), Options.NONE))
                  .code())
          .isEqualTo(ErrorCode.DUPLICATE_KEY);
      assertThat(find(Where.all())).extracting(r -> r.get("name")).containsExactly("old");
    }

    @Test
    void failedBatchDoesNotAdvanceTheIdSequence() {
      failure(
          () ->
              connector.createAll(
                  person,
                  List.of(row("name", "a"), row("email", "e"), row("email", "e")),
                  Options.NONE));
      assertThat(create(row()).get("id")).isEqualTo(1L);
    }
  }

  @Nested
  class Find {
    @BeforeEach
    void data() {
      create(row("name", "carol", "age", 30L, "address", row("city", "Oslo")));
      create(row("name", "alice", "age", 25L, "address", row("city", "Rome")));
      create(row("name", "bob", "age", 30L));
    }

    @Test
    void withoutFilterReturnsRowsInIdOrder() {
      assertThat(ids(find(Where.all()))).containsExactly(1L, 2L, 3L);
    }

    @Test
    void appliesWhereOrderWithIdTieBreakSkipAndLimit() {
      Filter filter =
          Filter.builder()
              .where(Where.gte("age", 25L))
              .order(Order.desc("age"))
              .skip(1)
              .limit(1)
              .build();
      assertThat(ids(connector.all(person, filter, Options.NONE))).containsExactly(3L);
    }

    @Test
    void returnsEveryStoredKeyAndNoOthers() {
      assertThat(find(Where.eq("name", "bob")).get(0)).containsOnlyKeys("id", "name", "age");
    }

    @Test
    void equalityOnAnIndexedPropertyStillAppliesTheRestOfTheWhere() {
      assertThat(find(Where.and(Where.eq("name", "bob"), Where.gt("age", 40L)))).isEmpty();
      assertThat(ids(find(Where.and(Where.eq("name", "bob"), Where.eq("age", 30L)))))
          .containsExactly(3L);
    }

    @Test
    void equalityOnTheIdFindsTheRecord() {
      assertThat(ids(find(Where.eq("id", 2L)))).containsExactly(2L);
      assertThat(find(Where.eq("id", 99L))).isEmpty();
    }

    @Test
    void indexFollowsUpdatesOfTheIndexedProperty() {
      connector.update(person, Where.eq("name", "bob"), row("name", "robert"), Options.NONE);
      assertThat(find(Where.eq("name", "bob"))).isEmpty();
      assertThat(ids(find(Where.eq("name", "robert")))).containsExactly(3L);
    }

    @Test
    void nestedPathsAreMatched() {
      assertThat(ids(find(Where.eq("address.city", "Rome")))).containsExactly(2L);
    }

    @Test
    void countCountsMatches() {
      assertThat(connector.count(person, Where.eq("age", 30L), Options.NONE)).isEqualTo(2);
      assertThat(connector.count(person, Where.all(), Options.NONE)).isEqualTo(3);
    }
  }

  @Nested
  class Update {
    @BeforeEach
    void data() {
      create(row("name", "a", "age", 1L));
      create(row("name", "b", "age", 2L));
      create(row("name", "c", "age", 2L));
    }

    @Test
    void updatePatchesMatchesAndReturnsTheNumberMatched() {
      assertThat(connector.update(person, Where.eq("age", 2L), row("age", 2L), Options.NONE))
          .isEqualTo(2);
      assertThat(connector.update(person, Where.eq("age", 2L), row("vip", true), Options.NONE))
          .isEqualTo(2);
      assertThat(find(Where.eq("id", 2L)).get(0))
          .containsEntry("vip", true)
          .containsEntry("name", "b");
    }

    @Test
    void destroyAllDeletesMatchesAndReturnsTheCount() {
      assertThat(connector.destroyAll(person, Where.eq("age", 2L), Options.NONE)).isEqualTo(2);
      assertThat(ids(find(Where.all()))).containsExactly(1L);
      assertThat(connector.destroyAll(person, Where.all(), Options.NONE)).isEqualTo(1);
    }

    @Test
    void updateAttributesPatchesOneRecord() {
      Map<String, Object> updated =
          connector.updateAttributes(person, 2L, row("age", 20L), Options.NONE);
      assertThat(updated)
          .containsEntry("id", 2L)
          .containsEntry("name", "b")
          .containsEntry("age", 20L);
    }

    @Test
    void updateAttributesOfAMissingIdFailsWithEntityNotFoundNamingModelAndId() {
      ConnectorException e =
          failure(() -> connector.updateAttributes(person, 42L, row("age", 1L), Options.NONE));
      assertThat(e.code()).isEqualTo(ErrorCode.ENTITY_NOT_FOUND);
      assertThat(e).hasMessageContaining("Person").hasMessageContaining("42");
    }

    @Test
    void updateAttributesWithAnotherIdFailsWithInvalidArgument() {
      assertThat(
              failure(() -> connector.updateAttributes(person, 1L, row("id", 2L), Options.NONE))
                  .code())
          .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void idGivenAsAnotherNumberTypeOrStringFindsTheRecord() {
      assertThat(connector.updateAttributes(person, 1, row("age", 5L), Options.NONE))
          .containsEntry("age", 5L);
      assertThat(connector.updateAttributes(person, "1", row("age", 6L), Options.NONE))
          .containsEntry("age", 6L);
    }

    @Test
    void nullIdFailsWithInvalidArgument() {
      assertThat(
              failure(() -> connector.updateAttributes(person, null, row(), Options.NONE)).code())
          .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void idObjectHoldingANullIdFailsWithInvalidArgumentNotEntityNotFound() {
      ConnectorException e =
          failure(() -> connector.updateAttributes(person, row("id", null), row(), Options.NONE));
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
      assertThat(e).hasMessage("the id of Person is null");
    }

    @Test
    void replaceByIdDropsUnmentionedProperties() {
      Map<String, Object> replaced =
          connector.replaceById(person, 2L, row("name", "B"), Options.NONE);
      assertThat(replaced).containsOnlyKeys("name", "id").containsEntry("id", 2L);
      assertThat(find(Where.eq("id", 2L)).get(0)).doesNotContainKey("age");
    }

    @Test
    void replaceByIdOfAMissingIdFailsWithEntityNotFound() {
      ConnectorException e =
          failure(() -> connector.replaceById(person, 9L, row("name", "x"), Options.NONE));
      assertThat(e.code()).isEqualTo(ErrorCode.ENTITY_NOT_FOUND);
      assertThat(e).hasMessage("Unknown \"Person\" id 9.");
      assertThat(e.details()).containsEntry("model", "Person").containsEntry("id", "9");
    }
  }

  @Nested
  class Upserts {
    @Test
    void updateOrCreateCreatesWithTheGivenIdWhenMissingAndPatchesWhenPresent() {
      UpsertResult created =
          connector.updateOrCreate(
              person, 7L, upsertData(row("id", 7L, "name", "a", "age", 1L)), Options.NONE);
      assertThat(created.created()).isTrue();
      assertThat(created.instance()).containsEntry("id", 7L);
      UpsertResult patched =
          connector.updateOrCreate(person, 7L, upsertData(row("age", 2L)), Options.NONE);
      assertThat(patched.created()).isFalse();
      assertThat(patched.instance()).containsEntry("name", "a").containsEntry("age", 2L);
    }

    @Test
    void updateOrCreateWithoutIdCreatesWithAGeneratedId() {
      UpsertResult result =
          connector.updateOrCreate(person, null, upsertData(row("name", "a")), Options.NONE);
      assertThat(result.created()).isTrue();
      assertThat(result.instance()).containsEntry("id", 1L);
    }

    @Test
    void createBranchErrorOfTheDaoPropagatesAndNothingIsWritten() {
      UpsertData refused =
          new UpsertData(
              row("name", "a"),
              () -> {
                throw new ConnectorException(ErrorCode.ENTITY_NOT_FOUND, "forceId");
              });
      assertThat(failure(() -> connector.updateOrCreate(person, 3L, refused, Options.NONE)).code())
          .isEqualTo(ErrorCode.ENTITY_NOT_FOUND);
      assertThat(find(Where.all())).isEmpty();
    }

    @Test
    void replaceOrCreateReplacesAnExistingRecord() {
      create(row("id", 1L, "name", "a", "age", 3L));
      UpsertResult result =
          connector.replaceOrCreate(person, 1L, upsertData(row("name", "b")), Options.NONE);
      assertThat(result.created()).isFalse();
      assertThat(result.instance()).containsOnlyKeys("id", "name").containsEntry("name", "b");
      assertThat(
              connector
                  .replaceOrCreate(person, 2L, upsertData(row("name", "c")), Options.NONE)
                  .created())
          .isTrue();
    }

    @Test
    void upsertWithWhereCreatesPatchesOrRefusesSeveralMatches() {
      UpsertResult created =
          connector.upsertWithWhere(
              person, Where.eq("name", "a"), upsertData(row("name", "a", "age", 1L)), Options.NONE);
      assertThat(created.created()).isTrue();
      UpsertResult patched =
          connector.upsertWithWhere(
              person, Where.eq("name", "a"), upsertData(row("age", 2L)), Options.NONE);
      assertThat(patched.created()).isFalse();
      assertThat(patched.instance()).containsEntry("age", 2L).containsEntry("id", 1L);
      create(row("name", "b", "age", 2L));
      ConnectorException e =
          failure(
              () ->
                  connector.upsertWithWhere(
                      person, Where.eq("age", 2L), upsertData(row("age", 3L)), Options.NONE));
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
      assertThat(e).hasMessageContaining("multiple instances found");
    }

    @Test
    void findOrCreateReturnsTheFirstMatchInFilterOrderWithoutCallingTheSupplier() {
      create(row("name", "x", "age", 1L));
      create(row("name", "x", "age", 9L));
      AtomicInteger calls = new AtomicInteger();
      Supplier<Map<String, Object>> data =
          () -> {
            calls.incrementAndGet();
            return row("name", "x");
          };
      Filter filter =
          Filter.builder().where(Where.eq("name", "x")).order(Order.desc("age")).build();
      UpsertResult found = connector.findOrCreate(person, filter, data, Options.NONE);
      assertThat(found.created()).isFalse();
      assertThat(found.instance()).containsEntry("age", 9L);
      assertThat(calls).hasValue(0);
    }

    @Test
    void findOrCreateCreatesWhenNothingMatches() {
      UpsertResult result =
          connector.findOrCreate(
              person, Filter.where(Where.eq("name", "y")), () -> row("name", "y"), Options.NONE);
      assertThat(result.created()).isTrue();
      assertThat(result.instance()).containsEntry("id", 1L).containsEntry("name", "y");
    }
  }

  @Nested
  class CompositeIds {
    private ModelDefinition membership;

    @BeforeEach
    void define() {
      membership = connector.define(Models.membership());
      connector.create(
          membership, row("groupId", 1L, "userId", "u", "role", "admin"), Options.NONE);
      connector.create(membership, row("groupId", 1L, "userId", "v", "role", "user"), Options.NONE);
    }

    @Test
    void recordsAreAddressedByAMapOfIdParts() {
      Map<String, Object> updated =
          connector.updateAttributes(
              membership, Map.of("groupId", 1L, "userId", "v"), row("role", "owner"), Options.NONE);
      assertThat(updated).containsEntry("role", "owner").containsEntry("userId", "v");
    }

    @Test
    void duplicateCompositeIdFailsWithDuplicateKey() {
      assertThat(
              failure(
                      () ->
                          connector.create(
                              membership, row("groupId", 1L, "userId", "u"), Options.NONE))
                  .code())
          .isEqualTo(ErrorCode.DUPLICATE_KEY);
    }

    @Test
    void missingIdPartFailsWithInvalidArgument() {
      assertThat(failure(() -> connector.create(membership, row("groupId", 2L), Options.NONE)))
          .returns(ErrorCode.INVALID_ARGUMENT, ConnectorException::code)
          .hasMessageContaining("userId");
      assertThat(
              failure(() -> connector.updateAttributes(membership, 1L, row(), Options.NONE)).code())
          .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void rowsSortByEveryIdPart() {
      connector.create(membership, row("groupId", 0L, "userId", "z"), Options.NONE);
      assertThat(connector.all(membership, Filter.ALL, Options.NONE))
          .extracting(r -> r.get("userId"))
          .containsExactly("z", "u", "v");
      assertThat(
              connector.all(
                  membership,
                  Filter.where(Where.and(Where.eq("groupId", 1L), Where.eq("userId", "v"))),
                  Options.NONE))
          .extracting(r -> r.get("role"))
          .containsExactly("user");
    }
  }

  @Nested
  class ModelsWithoutId {
    private ModelDefinition log;

    @BeforeEach
    void define() {
      log =
          connector.define(
              new ModelDefinition(
                  "Log",
                  Map.of("msg", PropertyDefinition.of("msg", PropertyType.STRING)),
                  true,
                  false,
                  null,
                  false,
                  List.of(),
                  Map.of(),
                  Map.of()));
    }

    @Test
    void rowsAreStoredFoundUpdatedAndDeleted() {
      connector.create(log, row("msg", "a"), Options.NONE);
      connector.create(log, row("msg", "b"), Options.NONE);
      assertThat(connector.all(log, Filter.ALL, Options.NONE))
          .containsExactly(row("msg", "a"), row("msg", "b"));
      assertThat(connector.update(log, Where.eq("msg", "a"), row("msg", "c"), Options.NONE))
          .isEqualTo(1);
      assertThat(connector.destroyAll(log, Where.eq("msg", "b"), Options.NONE)).isEqualTo(1);
      assertThat(connector.all(log, Filter.ALL, Options.NONE)).containsExactly(row("msg", "c"));
    }

    @Test
    void idOperationsFailWithInvalidArgument() {
      assertThat(failure(() -> connector.updateAttributes(log, 1L, row(), Options.NONE)))
          .returns(ErrorCode.INVALID_ARGUMENT, ConnectorException::code)
          .hasMessage("model Log has no id property");
    }
  }

  @Nested
  class Values {
    @Test
    void storedRowsAreCopiesOfTheInput() {
      Map<String, Object> address = row("city", "Oslo");
      List<Object> tags = new ArrayList<>(List.of("a"));
      byte[] photo = {1, 2, 3};
      Map<String, Object> data = row("address", address, "tags", tags, "photo", photo);
      create(data);
      address.put("city", "Rome");
      tags.add("b");
      photo[0] = 9;
      data.put("name", "changed");
      Map<String, Object> stored = find(Where.all()).get(0);
      assertThat(stored).doesNotContainKey("name");
      assertThat(stored.get("address")).isEqualTo(row("city", "Oslo"));
      assertThat(stored.get("tags")).isEqualTo(List.of("a"));
      assertThat((byte[]) stored.get("photo")).containsExactly(1, 2, 3);
    }

    @SuppressWarnings("unchecked")
    @Test
    void returnedRowsAreCopiesOfTheStore() {
      Map<String, Object> created =
          create(row("address", row("city", "Oslo"), "photo", new byte[] {1}));
      ((Map<String, Object>) created.get("address")).put("city", "x");
      Map<String, Object> found = find(Where.all()).get(0);
      ((Map<String, Object>) found.get("address")).put("city", "y");
      ((byte[]) found.get("photo"))[0] = 7;
      found.put("name", "z");
      Map<String, Object> again = find(Where.all()).get(0);
      assertThat(again.get("address")).isEqualTo(row("city", "Oslo"));
      assertThat((byte[]) again.get("photo")).containsExactly(1);
      assertThat(again).doesNotContainKey("name");
    }

    @Test
    void datesAndNumbersKeepTheirJavaRepresentation() {
      Instant birthday = Instant.parse("1980-12-08T00:00:00.000Z");
      create(row("birthday", birthday, "age", 30));
      Map<String, Object> stored = find(Where.all()).get(0);
      assertThat(stored.get("birthday")).isEqualTo(birthday);
      assertThat(stored.get("age")).isEqualTo(30L);
    }

    @Test
    void freeFormModelsStoreUndeclaredProperties() {
      ModelDefinition free =
          connector.define(
              Models.model(
                  "Free",
                  List.of(Models.id("id", PropertyType.NUMBER, 1, true)),
                  List.of(),
                  false));
      connector.create(free, row("anything", row("deep", List.of(1L))), Options.NONE);
      assertThat(connector.all(free, Filter.ALL, Options.NONE).get(0))
          .containsEntry("anything", row("deep", List.of(1L)));
    }
  }

  @Nested
  class Hooks {
    @Test
    void listenersSeeTheRequestAndResponseOfEveryOperation() {
      List<Object> seen = new ArrayList<>();
      connector.addExecuteListener(
          new ExecuteListener() {
            @Override
            public void afterExecute(ExecuteContext context) {
              seen.add(((Map<?, ?>) context.request()).get("op") + "->" + context.response());
            }
          });
      create(row("id", 1L));
      connector.count(person, Where.all(), Options.NONE);
      assertThat(seen).containsExactly("create->{id=1}", "count->1");
    }

    @Test
    void listenerMayRewriteTheWhere() {
      create(row("name", "a"));
      create(row("name", "b"));
      connector.addExecuteListener(
          new ExecuteListener() {
            @Override
            @SuppressWarnings("unchecked")
            public void beforeExecute(ExecuteContext context) {
              Map<String, Object> request =
                  new LinkedHashMap<>((Map<String, Object>) context.request());
              request.put("where", Where.eq("name", "b"));
              context.setRequest(request);
            }
          });
      assertThat(connector.count(person, Where.all(), Options.NONE)).isEqualTo(1);
    }

    @Test
    void requestNamesModelOperationAndTransaction() {
      List<Map<String, Object>> requests = new ArrayList<>();
      connector.addExecuteListener(
          new ExecuteListener() {
            @Override
            @SuppressWarnings("unchecked")
            public void beforeExecute(ExecuteContext context) {
              requests.add(new LinkedHashMap<>((Map<String, Object>) context.request()));
            }
          });
      try (var tx = connector.beginTransaction(IsolationLevel.READ_COMMITTED, null)) {
        connector.count(person, Where.all(), Options.of(tx));
        assertThat(requests.get(0))
            .containsEntry("op", "count")
            .containsEntry("model", "Person")
            .containsEntry("transaction", tx.id());
      }
    }

    @Test
    void failingOperationsReachTheListenerWithTheirError() {
      List<Throwable> errors = new ArrayList<>();
      connector.addExecuteListener(
          new ExecuteListener() {
            @Override
            public void afterExecute(ExecuteContext context) {
              errors.add(context.error());
            }
          });
      assertThatThrownBy(() -> connector.updateAttributes(person, 1L, row(), Options.NONE))
          .isInstanceOf(ConnectorException.class);
      assertThat(errors).singleElement().isInstanceOf(ConnectorException.class);
    }
  }
}
