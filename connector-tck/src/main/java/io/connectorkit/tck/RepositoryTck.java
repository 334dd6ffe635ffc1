package io.connectorkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.Repository;
import io.connectorkit.core.annotation.Id;
import io.connectorkit.core.annotation.Model;
import io.connectorkit.core.annotation.Property;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Typed repositories (C3 through {@code Repository<T>}): records map to the model derived from them
 * or to model JSON, every operation round-trips entities, and the fluent query builds C4 filters.
 * Ids are {@code Object}, so the connector's own id type is used.
 */
public abstract class RepositoryTck extends TckSection {
  /** A nested record stored as an {@code object} property. */
  public record TckAddress(String street, String city) {}

  /** An entity covering the mapped kinds of value. */
  @Model(name = "TckTypedPerson")
  public record TckTypedPerson(
      @Nullable Object id,
      @Property(required = true) @Nullable String name,
      Integer age,
      Optional<String> nickname,
      @Nullable LocalDate birthday,
      @Nullable Instant seen,
      @Nullable TckAddress address,
      @Nullable List<String> tags) {
    static TckTypedPerson of(@Nullable String name, int age) {
      return new TckTypedPerson(null, name, age, Optional.empty(), null, null, null, null);
    }

    TckTypedPerson withAge(int newAge) {
      return new TckTypedPerson(id, name, newAge, nickname, birthday, seen, address, tags);
    }
  }

  /** An entity bound to model JSON by name. */
  public record TckJsonPerson(@Nullable Object id, String name, Long age) {}

  /** A type that cannot be mapped. */
  public record TckUnmappable(@Id Object id, Thread worker) {}

  /** The id of a person the repository returned: a stored record carries its id (C3). */
  private static Object idOf(TckTypedPerson person) {
    return CrudFixtures.present(
        person.id(), "C3: a record returned by the repository carries its id", person);
  }

  /** The id of a person the repository returned: a stored record carries its id (C3). */
  private static Object idOf(TckJsonPerson person) {
    return CrudFixtures.present(
        person.id(), "C3: a record returned by the repository carries its id", person);
  }

  protected RepositoryTck(ConnectorTck tck) {
    super(tck);
  }

  private Repository<TckTypedPerson> people() {
    return repository(TckTypedPerson.class);
  }

  private List<TckTypedPerson> seed(Repository<TckTypedPerson> people) {
    return people.createAll(
        List.of(
            TckTypedPerson.of("Ada", 36),
            TckTypedPerson.of("Alan", 41),
            TckTypedPerson.of("Grace", 85)));
  }

  @Test
  @ContractSection("C3")
  void createAndFindByIdRoundTripEveryMappedKind() {
    Repository<TckTypedPerson> people = people();
    Instant seen = Instant.parse("2024-01-02T03:04:05.678Z");
    TckTypedPerson ada =
        new TckTypedPerson(
            null,
            "Ada",
            36,
            Optional.of("countess"),
            LocalDate.of(1815, 12, 10),
            seen,
            new TckAddress("St James's Square", "London"),
            List.of("math", "poetry"));

    TckTypedPerson created = people.create(ada);
    Optional<TckTypedPerson> found = people.findById(idOf(created));

    assertThat(created.id()).as("C3: create returns the generated id").isNotNull();
    TckTypedPerson expected =
        new TckTypedPerson(
            created.id(),
            ada.name(),
            ada.age(),
            ada.nickname(),
            ada.birthday(),
            ada.seen(),
            ada.address(),
            ada.tags());
    assertThat(created).as("C3: create returns the entity as stored").isEqualTo(expected);
    assertThat(found)
        .as("C2: a record round-trips: Optional, LocalDate, Instant, nested record, List")
        .contains(expected);
  }

  @Test
  @ContractSection("C3")
  void absentValuesReadBackAsEmptyOptionalsAndNulls() {
    Repository<TckTypedPerson> people = people();

    TckTypedPerson created = people.create(TckTypedPerson.of("Ada", 36));
    TckTypedPerson found = people.findById(idOf(created)).orElseThrow();

    assertThat(found.nickname()).as("C2: a null reads back as Optional.empty()").isEmpty();
    assertThat(found.birthday()).isNull();
    assertThat(found.address()).isNull();
  }

  @Test
  @ContractSection("C3")
  void readsCountsUpdatesAndDeletesAreTyped() {
    Repository<TckTypedPerson> people = people();
    List<TckTypedPerson> created = seed(people);
    Object alan = idOf(created.get(1));

    assertThat(created).extracting(TckTypedPerson::id).doesNotContainNull();
    assertThat(people.count()).isEqualTo(3);
    assertThat(people.count(Where.gt("age", 40))).as("C3: count with a where").isEqualTo(2);
    assertThat(people.find(Filter.builder().order("age DESC").build()))
        .extracting(TckTypedPerson::name)
        .containsExactly("Grace", "Alan", "Ada");
    assertThat(people.updateById(alan, Map.of("age", 42)).age())
        .as("C3: updateById returns the updated entity")
        .isEqualTo(42);
    assertThat(
            people.updateAll(
                Where.eq("name", "Ada"), Map.of("birthday", LocalDate.of(1815, 12, 10))))
        .as("C3: updateAll converts typed values and counts the matches")
        .isEqualTo(1);
    assertThat(people.findOne(Filter.where(Where.eq("name", "Ada"))).orElseThrow().birthday())
        .isEqualTo(LocalDate.of(1815, 12, 10));
    assertThat(people.exists(alan)).isTrue();
    assertThat(people.deleteById(alan)).isEqualTo(1);
    assertThat(people.findById(alan)).as("C3: findById of a deleted id is empty").isEmpty();
    assertThat(people.deleteAll(Where.lt("age", 40))).isEqualTo(1);
    assertThat(people.findAll()).extracting(TckTypedPerson::name).containsExactly("Grace");
  }

  @Test
  @ContractSection("C3")
  void saveCreatesWithoutAnIdAndReplacesWithOne() {
    Repository<TckTypedPerson> people = people();

    TckTypedPerson ada = people.save(TckTypedPerson.of("Ada", 36));
    TckTypedPerson older = people.save(ada.withAge(37));

    assertThat(older.id()).as("save of an entity with an id keeps the id").isEqualTo(ada.id());
    assertThat(people.count()).as("save with an id replaces, it does not create").isEqualTo(1);
    assertThat(people.findById(idOf(ada)).orElseThrow().age()).isEqualTo(37);
  }

  @Test
  @ContractSection("C3")
  void findOrCreateSaysWhetherItCreated() {
    Repository<TckTypedPerson> people = people();
    seed(people);

    Repository.Created<TckTypedPerson> found =
        people.findOrCreate(Filter.where(Where.eq("name", "Ada")), TckTypedPerson.of("Ada", 1));
    Repository.Created<TckTypedPerson> created =
        people.findOrCreate(
            Filter.where(Where.eq("name", "Linus")), TckTypedPerson.of("Linus", 54));

    assertThat(found.created()).isFalse();
    assertThat(found.entity().age()).isEqualTo(36);
    assertThat(created.created()).isTrue();
    assertThat(people.count()).isEqualTo(4);
  }

  @Test
  @ContractSection("C4.1")
  void queryBuilderAndsConditionsOrdersAndPages() {
    Repository<TckTypedPerson> people = people();
    seed(people);

    assertThat(
            people
                .query()
                .where("age")
                .gt(30)
                .and("name")
                .like("A%")
                .orderBy("name")
                .limit(10)
                .list())
        .as("C4: where(...).gt(...).and(...).like(...).orderBy(...).limit(...)")
        .extracting(TckTypedPerson::name)
        .containsExactly("Ada", "Alan");
    assertThat(people.query().where("age").gte(40).orderByDesc("age").skip(1).list())
        .extracting(TckTypedPerson::name)
        .containsExactly("Alan");
    assertThat(people.query().where("name").inq("Ada", "Grace").count()).isEqualTo(2);
    assertThat(people.query().where("name").eq("Nobody").first()).isEmpty();
  }

  @Test
  @ContractSection("C1.2")
  void aRequiredComponentIsValidated() {
    Repository<TckTypedPerson> people = people();

    assertError(
        ErrorCode.VALIDATION_FAILED,
        "C1.2: @Property(required = true) makes the property required",
        () -> people.create(TckTypedPerson.of(null, 1)));
  }

  @Test
  @ContractSection("C1.2")
  void aRepositoryBindsToModelJsonByName() {
    define(
        "{\"name\": \"TckJsonPerson\", \"properties\": {\"name\": \"string\", \"age\": \"number\"}}");
    Repository<TckJsonPerson> people = db.repository(TckJsonPerson.class, "TckJsonPerson");

    TckJsonPerson ada = people.create(new TckJsonPerson(null, "Ada", 36L));

    assertThat(people.findById(idOf(ada))).contains(new TckJsonPerson(ada.id(), "Ada", 36L));
  }

  @Test
  @ContractSection("C1.2")
  void anUnmappableTypeIsAConfigurationErrorNamingTheComponent() {
    var error =
        assertError(
            ErrorCode.CONFIGURATION_INVALID,
            "a component whose type cannot be mapped is a configuration error",
            () -> db.repository(TckUnmappable.class));

    assertThat(error.getMessage()).contains("worker");
  }
}
