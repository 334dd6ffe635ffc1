package io.connectorkit.tck;

import static io.connectorkit.tck.CrudFixtures.idOf;
import static io.connectorkit.tck.FilterFixtures.column;
import static io.connectorkit.tck.FilterFixtures.filter;
import static io.connectorkit.tck.FilterFixtures.json;
import static io.connectorkit.tck.FilterFixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.Dao;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Feature;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.filter.Fields;
import io.connectorkit.core.filter.Filter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * C4.4 fields.
 *
 * <p>Pinned here: a hidden property (C1.2) is never returned, also when {@code fields} names it; it
 * is not an unknown name either, so naming it is not an error (it is simply left out).
 */
public abstract class FieldsTck extends TckSection {
  private static final String MODEL =
      "{'name': 'TckFields', 'properties': {'name': 'string', 'age': 'number', 'email': 'string',"
          + " 'password': 'string'}, 'hidden': ['password']}";

  protected FieldsTck(ConnectorTck tck) {
    super(tck);
  }

  private Dao people() {
    Dao dao = define(json(MODEL));
    dao.create(row("name", "ann", "age", 30, "email", "ann@x.org", "password", "s1"));
    dao.create(row("name", "bob", "password", "s2"));
    return dao;
  }

  private static List<List<String>> keys(List<Map<String, Object>> rows) {
    return rows.stream().map(row -> List.copyOf(row.keySet())).toList();
  }

  @ParameterizedTest(name = "fields {0} selects {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "'name'                                  | name",
        "['name']                                | name",
        "['name', 'age']                         | name age",
        "['age', 'name']                         | name age",
        "{'name': true}                          | name",
        "{'name': true, 'email': true}           | name email",
        "{'name': false}                         | id age email",
        "{'name': false, 'age': false}           | id email",
        "{'id': false}                           | name age email",
        "{'name': true, 'age': false}            | name",
        "{'age': false, 'name': true, 'email': false} | name",
        "['id', 'email']                         | id email",
        "[]                                      | id name age email",
        "{}                                      | id name age email"
      })
  @ContractSection("C4.4")
  void fieldsSelectProperties(String fields, String expected) {
    Dao dao = people();
    List<String> wanted = List.of(expected.trim().split("\\s+"));
    List<Map<String, Object>> rows = dao.find(filter("{'fields': " + fields + "}"));
    assertThat(rows).as("C4.4: fields never changes which rows match").hasSize(2);
    for (Map<String, Object> row : rows) {
      assertThat(row.keySet())
          .as(
              "C4.4: fields %s returns exactly %s (the id is not added automatically; hidden"
                  + " properties never appear; mixed true/false: the true ones win)",
              json(fields), wanted)
          .containsExactlyInAnyOrderElementsOf(wanted);
    }
  }

  @Test
  @ContractSection("C4.4")
  void selectedPropertyThatIsUnsetIsListedAsNull() {
    Dao dao = people();
    List<Map<String, Object>> rows =
        dao.find(filter("{'fields': ['name', 'age'], 'order': 'name'}"));
    assertThat(rows.get(1))
        .as("C4.4/C2: a selected property that was never set is listed with null")
        .containsEntry("name", "bob")
        .containsEntry("age", null)
        .containsOnlyKeys("name", "age");
  }

  @Test
  @ContractSection("C4.4")
  void idIsNotAddedAutomatically() {
    Dao dao = people();
    assertThat(dao.find(filter("{'fields': ['name']}")))
        .as("C4.4: the id is not added when fields does not name it")
        .allSatisfy(row -> assertThat(row).doesNotContainKey("id"));
  }

  @Test
  @ContractSection("C4.4")
  void javaApiFields() {
    Dao dao = people();
    assertThat(keys(dao.find(Filter.builder().fields("email").build())))
        .as("C4.4: Filter.builder().fields(\"email\")")
        .containsOnly(List.of("email"));
    assertThat(dao.find(Filter.builder().fields(Fields.except("name", "age")).build()))
        .as("C4.4: Fields.except(name, age)")
        .allSatisfy(row -> assertThat(row).containsOnlyKeys("id", "email"));
  }

  @ParameterizedTest(name = "fields {0} is INVALID_FILTER")
  @ValueSource(
      strings = {
        "'nickname'",
        "['name', 'nickname']",
        "{'nickname': true}",
        "{'nickname': false}",
        "{'name': true, 'nickname': false}",
        "5",
        "[5]",
        "{'name': 'yes'}"
      })
  @ContractSection("C4.4")
  void unknownOrMalformedFieldsAreInvalidOnStrictModels(String fields) {
    Dao dao = people();
    assertError(
        ErrorCode.INVALID_FILTER,
        "C4.4: fields " + json(fields) + " is INVALID_FILTER (unknown names on a strict model)",
        () -> dao.find(filter("{'fields': " + fields + "}")));
  }

  @Test
  @ContractSection("C4.4")
  void hiddenPropertiesNeverAppearEvenWhenRequested() {
    Dao dao = people();
    assertThat(dao.find(Filter.ALL))
        .as("C1.2/C4.4: hidden properties never appear in results")
        .allSatisfy(row -> assertThat(row).doesNotContainKey("password"));
    assertThat(dao.find(filter("{'fields': ['name', 'password']}")))
        .as("C1.2/C4.4: a hidden property named in fields is still not returned")
        .allSatisfy(row -> assertThat(row).containsOnlyKeys("name"));
    assertThat(dao.find(filter("{'fields': {'password': true}}")))
        .as("C1.2/C4.4: fields naming only a hidden property returns the rows without it")
        .hasSize(2)
        .allSatisfy(row -> assertThat(row).doesNotContainKey("password"));
    assertThat(dao.find(filter("{'fields': {'password': false}}")))
        .as("C1.2/C4.4: excluding a hidden property changes nothing else")
        .allSatisfy(row -> assertThat(row).containsOnlyKeys("id", "name", "age", "email"));
  }

  @Test
  @ContractSection("C4.4")
  void hiddenPropertiesCanBeQueriedButAreNotReturned() {
    Dao dao = people();
    List<Map<String, Object>> rows = dao.find(filter("{'where': {'password': 's2'}}"));
    assertThat(column(rows, "name"))
        .as("C1.2: a hidden property can be queried")
        .containsExactly("bob");
    assertThat(rows.get(0)).as("C1.2: but is not returned").doesNotContainKey("password");
    Object id = idOf(rows.get(0));
    assertThat(dao.findById(id))
        .as("C1.2: findById does not return a hidden property")
        .hasValueSatisfying(row -> assertThat(row).doesNotContainKey("password"));
    assertThat(dao.updateById(id, Map.of("password", "s3")))
        .as("C1.2: updateById does not return a hidden property")
        .doesNotContainKey("password");
    assertThat(dao.count(io.connectorkit.core.filter.Where.eq("password", "s3")))
        .as("C1.2: the hidden value was stored")
        .isEqualTo(1);
  }

  @Test
  @ContractSection("C4.4")
  void fieldsWithWhereAndOrderOnUnselectedProperties() {
    Dao dao = people();
    dao.create(row("name", "cy", "age", 10));
    assertThat(
            dao.find(filter("{'fields': ['name'], 'where': {'age': {'gt': 5}}, 'order': 'age'}")))
        .as("C4.4: where and order may use properties that fields leaves out")
        .extracting(row -> row.get("name"))
        .containsExactly("cy", "ann");
    assertThat(dao.find(filter("{'fields': ['name'], 'order': 'age DESC'}")))
        .as("C4.4: the ordering key is not added to the result")
        .allSatisfy(row -> assertThat(row).containsOnlyKeys("name"));
  }

  @Test
  @ContractSection("C4.4")
  void fieldsWithFindOneAndFindById() {
    Dao dao = people();
    Object id = idOf(dao.find(filter("{'where': {'name': 'ann'}}")).get(0));
    assertThat(dao.findById(id, filter("{'fields': ['email']}"), Options.NONE))
        .as("C4.4: findById honours fields")
        .hasValueSatisfying(row -> assertThat(row).containsOnlyKeys("email"));
    assertThat(dao.findOne(filter("{'fields': {'email': false, 'age': false}, 'order': 'name'}")))
        .as("C4.4: findOne honours fields")
        .hasValueSatisfying(
            row -> assertThat(row).containsOnlyKeys("id", "name").containsEntry("name", "ann"));
  }

  @Test
  @ContractSection("C4.4")
  void fieldsWithPaging() {
    Dao dao = people();
    assertThat(dao.find(filter("{'fields': 'name', 'order': 'name', 'skip': 1, 'limit': 1}")))
        .as("C4.4: fields together with paging")
        .containsExactly(Map.of("name", "bob"));
  }

  private static final String FREE_FORM_MODEL =
      "{'name': 'TckFieldsFree', 'strict': false, 'properties': {'name': 'string'}}";

  @Test
  @ContractSection(
      value = "C4.4",
      features = {Feature.FREE_FORM_PROPERTIES})
  void freeFormPropertiesCanBeSelectedOnNonStrictModels() {
    if (!supports(Feature.FREE_FORM_PROPERTIES)) {
      assertUnsupported(Feature.FREE_FORM_PROPERTIES, () -> define(json(FREE_FORM_MODEL)));
      return;
    }
    Dao dao = define(json(FREE_FORM_MODEL));
    dao.create(row("name", "a", "color", "red", "size", 3));
    assertThat(dao.find(filter("{'fields': ['name', 'color']}")))
        .as("C4.4: fields may name a free-form property on a strict:false model")
        .containsExactly(Map.of("name", "a", "color", "red"));
    assertThat(dao.find(filter("{'fields': {'size': false, 'id': false}}")))
        .as("C4.4: fields may exclude a free-form property")
        .containsExactly(Map.of("name", "a", "color", "red"));
  }
}
