package io.connectorkit.tck;

import static io.connectorkit.tck.CrudFixtures.idOf;
import static io.connectorkit.tck.FilterFixtures.json;
import static io.connectorkit.tck.FilterFixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.Dao;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * C2 data values: round trips and coercion. Every round trip is read back three ways: the result of
 * {@code create}, {@code findById}, and {@code find} with a where on the id; results use the Java
 * representation of the brief (number → Long when integral else Double, date → Instant, buffer →
 * byte[], object → Map, array → List).
 */
public abstract class TypesTck extends TckSection {
  private static final String MODEL =
      "{'name': 'TckTypes', 'properties': {'s': 'string', 'n': 'number', 'b': 'boolean',"
          + " 'd': 'date', 'o': 'object', 'a': 'array', 'x': 'any', 'buf': 'buffer',"
          + " 'tags': {'type': ['string']}}}";
  private static final List<String> DECLARED =
      List.of("id", "s", "n", "b", "d", "o", "a", "x", "buf", "tags");

  protected TypesTck(ConnectorTck tck) {
    super(tck);
  }

  private Dao types() {
    return define(json(MODEL));
  }

  /** The stored value of one property, read back by create, findById and find. */
  private List<Object> readBack(Dao dao, String property, Object input) {
    Map<String, Object> created = dao.create(row(property, input));
    Object id = idOf(created);
    Map<String, Object> byId =
        dao.findById(id).orElseThrow(() -> new AssertionError("findById found nothing: " + id));
    List<Map<String, Object>> found = dao.find(Filter.where(Where.eq("id", id)));
    assertThat(found).as("C3: find by id returns the created row").hasSize(1);
    List<Object> values = new ArrayList<>();
    values.add(created.get(property));
    values.add(byId.get(property));
    values.add(found.get(0).get(property));
    return values;
  }

  private void assertRoundTrip(String property, Object input, Object expected, String rule) {
    Dao dao = types();
    List<Object> values = readBack(dao, property, input);
    String[] ways = {"create", "findById", "find"};
    for (int i = 0; i < values.size(); i++) {
      Object value = values.get(i);
      assertThat(value)
          .as("C2: %s (read back through %s, input %s)", rule, ways[i], show(input))
          .isEqualTo(expected);
      if (expected != null) {
        assertThat(value)
            .as("C2: %s: Java type through %s", rule, ways[i])
            .isInstanceOf(javaType(expected));
      }
    }
  }

  /** The Java type the brief promises for a value: Map and List for objects and arrays. */
  private static Class<?> javaType(Object expected) {
    if (expected instanceof Map<?, ?>) {
      return Map.class;
    }
    if (expected instanceof List<?>) {
      return List.class;
    }
    return expected.getClass();
  }

  private static String show(Object value) {
    if (value instanceof String text) {
      StringBuilder shown = new StringBuilder("\"");
      text.codePoints()
          .forEach(
              cp -> {
                if (cp < 0x20 || cp == 0x7f) {
                  shown.append(String.format("\\u%04x", cp));
                } else {
                  shown.appendCodePoint(cp);
                }
              });
      return shown.append('"').toString();
    }
    return String.valueOf(value);
  }

  // ---------------------------------------------------------------- strings

  static Stream<String> strings() {
    StringBuilder control = new StringBuilder();
    for (char c = 1; c < 0x20; c++) {
      control.append(c);
    }
    control.append('\u007f');
    return Stream.of(
        "plain",
        "héllo wörld ñ ß",
        "日本語のテキスト",
        "Привет, мир",
        "مرحبا",
        "😀👍🏽👨‍👩‍👧 𝄞",
        "it's",
        "say \"hi\"",
        "back\\slash",
        "\\",
        "100%",
        "a_b",
        "%_\\%",
        "'; DROP TABLE x; --",
        "tab\tnew\nline\rreturn",
        control.toString(),
        "",
        " leading and trailing spaces ",
        "x".repeat(5000),
        "line\r\nbreak\r\n",
        "\r\n",
        "caf\u00e9 precomposed",
        "cafe\u0301 decomposed",
        "\u212b \u00c5 A\u030a",
        "\ufb01 ligature",
        "0123456789\u00e9\u20ac\ud83d\ude00".repeat(5000),
        "\u00a0\u2028\u2029\ufeff",
        "null",
        "{\"json\": [1, 2]}");
  }

  @ParameterizedTest(name = "string {index} round-trips")
  @MethodSource("strings")
  @ContractSection("C2")
  void stringsRoundTripExactly(String value) {
    assertRoundTrip(
        "s", value, value, "strings are stored exactly (any Unicode, quotes, %, _, \\)");
  }

  @Test
  @ContractSection("C2")
  void aStringOfOneMebibyteRoundTripsUncut() {
    // Over 64 KiB (a TEXT column) and over 16 bits of length: a property without length holds 1
    // MiB.
    String value = "line\r\n\u00e9\u20ac".repeat(1 << 18).substring(0, 1 << 20);
    Dao dao = types();
    List<Object> values = readBack(dao, "s", value);
    for (Object read : values) {
      assertThat(read)
          .as("C2: a string of 1 MiB is stored whole (no truncation)")
          .isInstanceOf(String.class);
      assertThat(((String) read).length())
          .as("C2: a property without length holds at least 1 MiB, never silently truncated")
          .isEqualTo(value.length());
      assertThat(read).as("C2: the 1 MiB string reads back exactly").isEqualTo(value);
    }
  }

  @Test
  @ContractSection("C2")
  void precomposedAndDecomposedStringsAreDifferentValues() {
    Dao dao = types();
    Object composed = idOf(dao.create(row("s", "caf\u00e9")));
    Object decomposed = idOf(dao.create(row("s", "cafe\u0301")));
    Object crlf = idOf(dao.create(row("s", "a\r\nb")));
    Object lf = idOf(dao.create(row("s", "a\nb")));
    assertThat(dao.find(Filter.where(Where.eq("s", "caf\u00e9"))))
        .as("C2: no Unicode normalisation: the precomposed value finds only its own row")
        .extracting(r -> r.get("id"))
        .containsExactly(composed);
    assertThat(dao.find(Filter.where(Where.eq("s", "cafe\u0301"))))
        .as("C2: no Unicode normalisation: the decomposed value finds only its own row")
        .extracting(r -> r.get("id"))
        .containsExactly(decomposed);
    assertThat(dao.find(Filter.where(Where.eq("s", "a\r\nb"))))
        .as("C2: CRLF is not LF: equality on \"a\\r\\nb\" finds only its own row")
        .extracting(r -> r.get("id"))
        .containsExactly(crlf);
    assertThat(dao.findById(lf).orElseThrow().get("s")).isEqualTo("a\nb");
  }

  @ParameterizedTest(name = "string {index} is found by equality")
  @MethodSource("strings")
  @ContractSection("C2")
  void stringsAreComparedExactly(String value) {
    Dao dao = types();
    dao.create(row("s", "other"));
    Object id = idOf(dao.create(row("s", value)));
    dao.create(row("s", value + " "));
    assertThat(dao.find(Filter.where(Where.eq("s", value))))
        .as("C2: equality on the string %s finds exactly its row", show(value))
        .extracting(row -> row.get("id"))
        .containsExactly(id);
  }

  @Test
  @ContractSection("C2")
  void emptyStringIsNotNull() {
    Dao dao = types();
    Object empty = idOf(dao.create(row("s", "")));
    Object unset = idOf(dao.create(row()));
    assertThat(dao.find(Filter.where(Where.eq("s", ""))))
        .as("C2: the empty string is a value, distinct from null")
        .extracting(row -> row.get("id"))
        .containsExactly(empty);
    assertThat(dao.find(Filter.where(Where.eq("s", null))))
        .as("C2: null matches the unset row, not the empty string")
        .extracting(row -> row.get("id"))
        .containsExactly(unset);
  }

  // ---------------------------------------------------------------- numbers

  static Stream<Arguments> numbers() {
    return Stream.of(
        Arguments.of(30, 30L),
        Arguments.of(30L, 30L),
        Arguments.of(30.0, 30L),
        Arguments.of(0, 0L),
        Arguments.of(0.0, 0L),
        Arguments.of(-7, -7L),
        Arguments.of(9007199254740992L, 9007199254740992L),
        Arguments.of(-9007199254740992L, -9007199254740992L),
        Arguments.of(9007199254740991L, 9007199254740991L),
        Arguments.of(0.1, 0.1),
        Arguments.of(-1.5e-7, -1.5e-7),
        Arguments.of(3.141592653589793, 3.141592653589793),
        Arguments.of(-2.5, -2.5),
        Arguments.of(new java.math.BigDecimal("12.5"), 12.5),
        Arguments.of(new java.math.BigDecimal("12.000"), 12L));
  }

  @ParameterizedTest(name = "number {0} reads back as {1}")
  @MethodSource("numbers")
  @ContractSection("C2")
  void numbersRoundTrip(Object input, Object expected) {
    assertRoundTrip(
        "n",
        input,
        expected,
        "integral numbers come back as integers (Long, never 30.0), up to ±2^53 exact;"
            + " fractional ones as the same IEEE double");
  }

  @Test
  @ContractSection("C2")
  void numbersAreFoundByEqualityExactly() {
    Dao dao = types();
    Object a = idOf(dao.create(row("n", 0.1)));
    Object b = idOf(dao.create(row("n", 9007199254740992L)));
    dao.create(row("n", 9007199254740990L));
    assertThat(dao.find(Filter.where(Where.eq("n", 0.1))))
        .as("C2: the double 0.1 is found by equality")
        .extracting(row -> row.get("id"))
        .containsExactly(a);
    assertThat(dao.find(Filter.where(Where.eq("n", 9007199254740992L))))
        .as("C2: 2^53 is found by equality, distinct from 2^53 - 2")
        .extracting(row -> row.get("id"))
        .containsExactly(b);
  }

  // ---------------------------------------------------------------- booleans

  @ParameterizedTest(name = "boolean {0}")
  @ValueSource(booleans = {true, false})
  @ContractSection("C2")
  void booleansRoundTrip(boolean value) {
    assertRoundTrip("b", value, value, "booleans round-trip");
  }

  // ---------------------------------------------------------------- dates

  static Stream<Arguments> dates() {
    return Stream.of(
        Arguments.of("2015-03-14T09:26:53.589Z", "2015-03-14T09:26:53.589Z"),
        Arguments.of("1980-12-08T00:00:00.000Z", "1980-12-08T00:00:00.000Z"),
        Arguments.of("1970-01-01T00:00:00.000Z", "1970-01-01T00:00:00.000Z"),
        Arguments.of("1969-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z"),
        Arguments.of("1901-02-03T04:05:06.789Z", "1901-02-03T04:05:06.789Z"),
        Arguments.of("9999-12-31T23:59:59.999Z", "9999-12-31T23:59:59.999Z"),
        Arguments.of("2015-03-14T09:26:53.001Z", "2015-03-14T09:26:53.001Z"),
        Arguments.of("1942-06-18", "1942-06-18T00:00:00.000Z"),
        Arguments.of("2015-03-14T09:26:53.589", "2015-03-14T09:26:53.589Z"),
        Arguments.of("2015-03-14T09:26:53", "2015-03-14T09:26:53.000Z"),
        Arguments.of("2015-03-14T11:26:53.589+02:00", "2015-03-14T09:26:53.589Z"),
        Arguments.of("2015-03-14T04:26:53.589-05:00", "2015-03-14T09:26:53.589Z"),
        Arguments.of(1426325213589L, "2015-03-14T09:26:53.589Z"),
        Arguments.of(0L, "1970-01-01T00:00:00.000Z"),
        Arguments.of(-2177452800000L, "1901-01-01T00:00:00.000Z"),
        Arguments.of(Instant.parse("2015-03-14T09:26:53.589Z"), "2015-03-14T09:26:53.589Z"));
  }

  @ParameterizedTest(name = "date {0} reads back as {1}")
  @MethodSource("dates")
  @ContractSection("C2")
  void datesRoundTripWithMilliseconds(Object input, String expected) {
    assertRoundTrip(
        "d",
        input,
        Instant.parse(expected),
        "dates keep millisecond precision (before 1970 and far future too); a date-only string"
            + " is UTC midnight, a date-time without offset is UTC, a number is epoch millis");
  }

  @Test
  @ContractSection("C2")
  void datesAreFoundByEqualityToTheMillisecond() {
    Dao dao = types();
    Object a = idOf(dao.create(row("d", "2015-03-14T09:26:53.589Z")));
    dao.create(row("d", "2015-03-14T09:26:53.588Z"));
    dao.create(row("d", "2015-03-14T09:26:53.590Z"));
    assertThat(dao.find(Filter.where(Where.eq("d", "2015-03-14T09:26:53.589Z"))))
        .as("C2: a date is found by equality to the millisecond")
        .extracting(row -> row.get("id"))
        .containsExactly(a);
    assertThat(dao.find(Filter.where(Where.eq("d", 1426325213589L))))
        .as("C2: epoch millis in a where address the same instant")
        .extracting(row -> row.get("id"))
        .containsExactly(a);
  }

  // ---------------------------------------------------------------- objects and arrays

  private static Map<String, Object> nestedObject() {
    return row(
        "a",
        row("b", List.of(1L, 2L, row("c", null, "d", "e"))),
        "ключ",
        "значение",
        "emoji😀",
        true,
        "n",
        1.5,
        "empty",
        row(),
        "list",
        List.of(),
        "quote'\"\\",
        "%_");
  }

  static Stream<Arguments> objectsAndArrays() {
    List<Object> mixed = new ArrayList<>();
    mixed.add(1L);
    mixed.add("two");
    mixed.add(true);
    mixed.add(null);
    mixed.add(2.5);
    mixed.add(List.of(3L, List.of(4L, List.of())));
    mixed.add(row("k", "v", "n", null));
    return Stream.of(
        Arguments.of("o", nestedObject()),
        Arguments.of("o", row()),
        Arguments.of("a", mixed),
        Arguments.of("a", List.of()),
        Arguments.of("a", List.of(List.of(List.of(List.of("deep"))))),
        Arguments.of("x", nestedObject()),
        Arguments.of("x", mixed),
        Arguments.of("x", "a string"),
        Arguments.of("x", 42L),
        Arguments.of("x", 0.25),
        Arguments.of("x", false),
        Arguments.of("x", "42"),
        Arguments.of("x", "-7.5"),
        Arguments.of("x", "true"),
        Arguments.of("x", "null"),
        Arguments.of("x", "2020-01-01"),
        Arguments.of("x", "2020-01-01T00:00:00.000Z"),
        Arguments.of("x", "AAECAw=="),
        Arguments.of("x", "{\"a\": 1}"),
        Arguments.of("x", List.of("42", 42L, "2020-01-01", "false")),
        Arguments.of("x", row("n", "42", "d", "2020-01-01", "b", "true")),
        Arguments.of("o", row("n", "42", "d", "2020-01-01T10:00:00Z")),
        Arguments.of("a", List.of("42", "2020-01-01")),
        Arguments.of("tags", List.of("a", "", "😀", "a")),
        Arguments.of("tags", List.of()));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("objectsAndArrays")
  @ContractSection("C2")
  void objectsArraysAndAnyRoundTripDeepEqual(String property, Object value) {
    assertRoundTrip(
        property,
        value,
        value,
        "object, array and any values round-trip deep-equal (nested maps and lists, unicode"
            + " keys, nulls inside, order of array elements)");
  }

  @Test
  @ContractSection("C2")
  void integralNumbersInsideObjectsComeBackAsLong() {
    Dao dao = types();
    Map<String, Object> created =
        dao.create(row("o", row("i", 7, "d", 7.0, "f", 7.5), "a", List.of(1, 2.0, 2.5)));
    Map<String, Object> read = dao.findById(idOf(created)).orElseThrow();
    assertThat(read.get("o"))
        .as("C2: integral numbers inside objects are integers (7, never 7.0)")
        .isEqualTo(row("i", 7L, "d", 7L, "f", 7.5));
    assertThat(read.get("a"))
        .as("C2: integral numbers inside arrays are integers")
        .isEqualTo(List.of(1L, 2L, 2.5));
  }

  // ---------------------------------------------------------------- buffers

  private void assertBytes(Object input, byte[] expected, String rule) {
    Dao dao = types();
    List<Object> values = readBack(dao, "buf", input);
    for (Object value : values) {
      assertThat(value)
          .as("C2: %s: a buffer reads back as byte[]", rule)
          .isInstanceOf(byte[].class);
      assertThat((byte[]) value).as("C2: %s", rule).containsExactly(expected);
    }
  }

  @Test
  @ContractSection("C2")
  void buffersRoundTripEveryByteValue() {
    byte[] all = new byte[512];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) (i < 256 ? i : 255 - (i - 256));
    }
    assertBytes(all.clone(), all, "a buffer with all 256 byte values round-trips byte-exact");
  }

  @Test
  @ContractSection("C2")
  void bufferFromABase64String() {
    assertBytes(
        "AAEC/w==",
        new byte[] {0, 1, 2, (byte) 0xff},
        "a base64 string written to a buffer property is decoded");
    byte[] zeros = new byte[100];
    assertBytes(Base64.getEncoder().encodeToString(zeros), zeros, "NUL bytes survive in a buffer");
  }

  @Test
  @ContractSection("C2")
  void emptyBufferRoundTrips() {
    assertBytes(new byte[0], new byte[0], "an empty buffer round-trips as an empty byte[]");
  }

  // ---------------------------------------------------------------- unset and null

  @Test
  @ContractSection("C2")
  void unsetAndNullBothReadBackAsNullAndEveryPropertyIsListed() {
    Dao dao = types();
    Map<String, Object> allNull = row();
    for (String property : DECLARED.subList(1, DECLARED.size())) {
      allNull.put(property, null);
    }
    Object unsetId = idOf(dao.create(row()));
    Object nullId = idOf(dao.create(allNull));
    for (Object id : List.of(unsetId, nullId)) {
      String which = id.equals(unsetId) ? "never set" : "set to null";
      Map<String, Object> byId = dao.findById(id).orElseThrow();
      assertThat(byId.keySet())
          .as("C2: a result lists every declared property (%s, findById)", which)
          .containsExactlyInAnyOrderElementsOf(DECLARED);
      Map<String, Object> found = dao.find(Filter.where(Where.eq("id", id))).get(0);
      assertThat(found.keySet())
          .as("C2: a result lists every declared property (%s, find)", which)
          .containsExactlyInAnyOrderElementsOf(DECLARED);
      for (String property : DECLARED.subList(1, DECLARED.size())) {
        assertThat(byId.get(property))
            .as("C2: property %s %s reads back as null", property, which)
            .isNull();
        assertThat(found.get(property))
            .as("C2: property %s %s reads back as null through find", property, which)
            .isNull();
      }
    }
  }

  @Test
  @ContractSection("C2")
  void createResultListsEveryDeclaredProperty() {
    Dao dao = types();
    assertThat(dao.create(row("s", "only")).keySet())
        .as("C2/C3: the created entity lists every declared property")
        .containsExactlyInAnyOrderElementsOf(DECLARED);
  }

  @Test
  @ContractSection("C2")
  void unsetAndNullAreTheSameInAWhere() {
    Dao dao = types();
    Object unset = idOf(dao.create(row("s", "a")));
    Object nulled = idOf(dao.create(row("s", "b", "n", null)));
    dao.create(row("s", "c", "n", 1));
    assertThat(dao.find(Filter.where(Where.eq("n", null))))
        .as("C2: an unset and a null value both match {n: null}")
        .extracting(row -> row.get("id"))
        .containsExactly(unset, nulled);
  }

  // ---------------------------------------------------------------- coercion on write

  static Stream<Arguments> coercions() {
    return Stream.of(
        Arguments.of("n", "30", 30L),
        Arguments.of("n", "-2.5", -2.5),
        Arguments.of("n", "0", 0L),
        Arguments.of("s", 30, "30"),
        Arguments.of("s", 30L, "30"),
        Arguments.of("b", "true", true),
        Arguments.of("b", "false", false),
        Arguments.of("b", "1", true),
        Arguments.of("b", "0", false),
        Arguments.of("b", 1, true),
        Arguments.of("b", 0, false),
        Arguments.of("d", "1942-06-18", Instant.parse("1942-06-18T00:00:00.000Z")),
        Arguments.of("d", 86_400_000L, Instant.parse("1970-01-02T00:00:00.000Z")),
        Arguments.of("tags", List.of(1, "b"), List.of("1", "b")));
  }

  @ParameterizedTest(name = "{0} = {1} is stored as {2}")
  @MethodSource("coercions")
  @ContractSection("C2")
  void valuesOfAnotherTypeAreCoercedExactlyOnWrite(String property, Object input, Object expected) {
    assertRoundTrip(
        property, input, expected, "a value of another JSON type is coerced when exact");
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of("n", "abc"),
        Arguments.of("n", ""),
        Arguments.of("n", true),
        Arguments.of("n", List.of(1)),
        Arguments.of("b", "X"),
        Arguments.of("b", "yes"),
        Arguments.of("b", 2),
        Arguments.of("d", "2/1/2015"),
        Arguments.of("d", "notadate"),
        Arguments.of("d", "2015-13-45"),
        Arguments.of("d", true),
        Arguments.of("o", "not an object"),
        Arguments.of("o", List.of(1)),
        Arguments.of("a", "not an array"),
        Arguments.of("tags", List.of(Map.of("k", "v"))));
  }

  @ParameterizedTest(name = "{0} = {1} is VALIDATION_FAILED")
  @MethodSource("refusals")
  @ContractSection("C2")
  void valuesThatDoNotCoerceExactlyFailValidation(String property, Object input) {
    Dao dao = types();
    ConnectorException error =
        assertError(
            ErrorCode.VALIDATION_FAILED,
            "C2: " + property + " = " + show(input) + " does not coerce exactly: VALIDATION_FAILED",
            () -> dao.create(row(property, input)));
    assertThat(error.getMessage()).as("C5: the message names the property").contains(property);
    assertThat(dao.count(Where.all())).as("C2: nothing was written").isZero();
  }

  // ---------------------------------------------------------------- updates

  @Test
  @ContractSection("C2")
  void updateByIdRoundTripsEveryType() {
    Dao dao = types();
    Object id = idOf(dao.create(row("s", "x", "n", 1, "b", false)));
    byte[] bytes = {0, (byte) 0x80, (byte) 0xff};
    Map<String, Object> updated =
        dao.updateById(
            id,
            row(
                "s",
                "it's 😀 \\ %_",
                "n",
                "42",
                "b",
                "1",
                "d",
                "1901-02-03T04:05:06.789Z",
                "o",
                row("k", Arrays.asList(1L, null)),
                "a",
                List.of("x", 2L),
                "x",
                3.5,
                "buf",
                bytes,
                "tags",
                List.of("t")));
    Map<String, Object> read = dao.findById(id).orElseThrow();
    for (Map<String, Object> row : List.of(updated, read)) {
      assertThat(row.get("s"))
          .as("C2: updateById stores strings exactly")
          .isEqualTo("it's 😀 \\ %_");
      assertThat(row.get("n")).as("C2: updateById coerces \"42\" to 42").isEqualTo(42L);
      assertThat(row.get("b")).as("C2: updateById coerces \"1\" to true").isEqualTo(true);
      assertThat(row.get("d"))
          .as("C2: updateById keeps milliseconds")
          .isEqualTo(Instant.parse("1901-02-03T04:05:06.789Z"));
      assertThat(row.get("o"))
          .as("C2: updateById objects")
          .isEqualTo(row("k", Arrays.asList(1L, null)));
      assertThat(row.get("a")).as("C2: updateById arrays").isEqualTo(List.of("x", 2L));
      assertThat(row.get("x")).as("C2: updateById any").isEqualTo(3.5);
      assertThat((byte[]) row.get("buf")).as("C2: updateById buffers").containsExactly(bytes);
      assertThat(row.get("tags")).as("C2: updateById [string]").isEqualTo(List.of("t"));
    }
  }

  @Test
  @ContractSection("C2")
  void updateByIdToNullReadsBackNull() {
    Dao dao = types();
    Object id = idOf(dao.create(row("s", "x", "n", 5)));
    dao.updateById(id, row("n", null));
    Map<String, Object> read = dao.findById(id).orElseThrow();
    assertThat(read.get("n")).as("C2: a property patched to null reads back null").isNull();
    assertThat(read.get("s")).as("C3: an unmentioned property keeps its value").isEqualTo("x");
    assertThat(read.keySet())
        .as("C2: the property set to null is still listed")
        .containsExactlyInAnyOrderElementsOf(DECLARED);
  }

  @Test
  @ContractSection("C2")
  void updateAllRoundTripsAndCoerces() {
    Dao dao = types();
    dao.create(row("s", "a"));
    dao.create(row("s", "a"));
    dao.create(row("s", "b"));
    assertThat(
            dao.updateAll(
                Where.eq("s", "a"),
                row("n", "7", "d", 0L, "b", "true", "o", row("😀", "ü"), "buf", "AP8=")))
        .as("C3: updateAll returns the number of rows matched")
        .isEqualTo(2);
    for (Map<String, Object> row : dao.find(Filter.where(Where.eq("s", "a")))) {
      assertThat(row.get("n")).as("C2: updateAll coerces \"7\" to 7").isEqualTo(7L);
      assertThat(row.get("d"))
          .as("C2: updateAll coerces epoch millis to a date")
          .isEqualTo(Instant.EPOCH);
      assertThat(row.get("b")).as("C2: updateAll coerces \"true\"").isEqualTo(true);
      assertThat(row.get("o")).as("C2: updateAll objects").isEqualTo(row("😀", "ü"));
      assertThat((byte[]) row.get("buf"))
          .as("C2: updateAll decodes base64 into a buffer")
          .containsExactly(new byte[] {0, (byte) 0xff});
    }
    assertThat(dao.find(Filter.where(Where.eq("s", "b"))).get(0).get("n"))
        .as("C3: updateAll leaves other rows alone")
        .isNull();
  }

  @Test
  @ContractSection("C2")
  void updatesWithValuesThatDoNotCoerceFailValidation() {
    Dao dao = types();
    Object id = idOf(dao.create(row("n", 1)));
    assertError(
        ErrorCode.VALIDATION_FAILED,
        "C2: updateById with n = \"abc\" is VALIDATION_FAILED",
        () -> dao.updateById(id, row("n", "abc")));
    assertError(
        ErrorCode.VALIDATION_FAILED,
        "C2: updateAll with d = \"notadate\" is VALIDATION_FAILED",
        () -> dao.updateAll(Where.all(), row("d", "notadate")));
    assertError(
        ErrorCode.VALIDATION_FAILED,
        "C2: replaceById with b = \"X\" is VALIDATION_FAILED",
        () -> dao.replaceById(id, row("b", "X")));
    assertThat(dao.findById(id).orElseThrow().get("n"))
        .as("C2: a refused update changes nothing")
        .isEqualTo(1L);
  }

  @Test
  @ContractSection("C2")
  void replaceByIdRoundTrips() {
    Dao dao = types();
    Object id = idOf(dao.create(row("s", "x", "n", 1)));
    dao.replaceById(id, row("n", "2.5", "d", "2015-03-14T09:26:53.589"));
    Map<String, Object> read = dao.findById(id).orElseThrow();
    assertThat(read.get("n")).as("C2: replaceById coerces \"2.5\"").isEqualTo(2.5);
    assertThat(read.get("d"))
        .as("C2: replaceById: a date-time without offset is UTC")
        .isEqualTo(Instant.parse("2015-03-14T09:26:53.589Z"));
    assertThat(read.get("s")).as("C3: replace sets unmentioned properties to null").isNull();
  }
}
