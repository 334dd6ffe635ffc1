package io.connectorkit.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValuesTest {
  private static final long TWO_POW_53 = 1L << 53;

  private static Object coerce(Object value, PropertyType type) {
    return Values.coerce(value, type);
  }

  private static void assertRefused(Object value, PropertyType type, String message) {
    assertThatThrownBy(() -> Values.coerce(value, type))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void nullStaysNullForEveryType() {
    for (PropertyType type :
        List.of(
            PropertyType.STRING,
            PropertyType.NUMBER,
            PropertyType.BOOLEAN,
            PropertyType.DATE,
            PropertyType.OBJECT,
            PropertyType.ARRAY,
            PropertyType.BUFFER,
            PropertyType.ANY)) {
      assertThat(coerce(null, type)).isNull();
    }
  }

  @Test
  void nullTypeIsRejectedWithNullPointerException() {
    assertThatThrownBy(() -> Values.coerce(1, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("type is null");
  }

  @Nested
  class Numbers {
    @Test
    void numericStringBecomesLong() {
      assertThat(coerce("30", PropertyType.NUMBER)).isEqualTo(30L);
    }

    @Test
    void integralDoubleBecomesLong() {
      assertThat(coerce(30.0, PropertyType.NUMBER)).isEqualTo(30L);
      assertThat(coerce("30.0", PropertyType.NUMBER)).isEqualTo(30L);
      assertThat(coerce(-0.0, PropertyType.NUMBER)).isEqualTo(0L);
    }

    @Test
    void fractionalValueStaysDouble() {
      assertThat(coerce(30.5, PropertyType.NUMBER)).isEqualTo(30.5);
      assertThat(coerce("30.5", PropertyType.NUMBER)).isEqualTo(30.5);
      assertThat(coerce(0.1f, PropertyType.NUMBER)).isInstanceOf(Double.class);
    }

    @Test
    void intShortByteBecomeLong() {
      assertThat(coerce(7, PropertyType.NUMBER)).isEqualTo(7L);
      assertThat(coerce((short) 7, PropertyType.NUMBER)).isEqualTo(7L);
      assertThat(coerce((byte) 7, PropertyType.NUMBER)).isEqualTo(7L);
    }

    @Test
    void bigNumbersBecomeLongWhenTheyFit() {
      assertThat(coerce(BigInteger.valueOf(42), PropertyType.NUMBER)).isEqualTo(42L);
      assertThat(coerce(new BigDecimal("42.000"), PropertyType.NUMBER)).isEqualTo(42L);
      assertThat(coerce(new BigDecimal("4.25"), PropertyType.NUMBER)).isEqualTo(4.25);
      assertThat(coerce(BigInteger.TWO.pow(70), PropertyType.NUMBER)).isEqualTo(Math.pow(2, 70));
    }

    @Test
    void twoPow53IsExactBothWays() {
      assertThat(coerce(TWO_POW_53, PropertyType.NUMBER)).isEqualTo(TWO_POW_53);
      assertThat(coerce(-TWO_POW_53, PropertyType.NUMBER)).isEqualTo(-TWO_POW_53);
      assertThat(coerce("9007199254740992", PropertyType.NUMBER)).isEqualTo(TWO_POW_53);
      assertThat(coerce("-9007199254740992", PropertyType.NUMBER)).isEqualTo(-TWO_POW_53);
      assertThat(coerce((double) TWO_POW_53, PropertyType.NUMBER)).isEqualTo(TWO_POW_53);
    }

    @Test
    void longRangeIsExactFromStrings() {
      assertThat(coerce(String.valueOf(Long.MAX_VALUE), PropertyType.NUMBER))
          .isEqualTo(Long.MAX_VALUE);
      assertThat(coerce(String.valueOf(Long.MIN_VALUE), PropertyType.NUMBER))
          .isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void exponentNotationIsAccepted() {
      assertThat(coerce("1e3", PropertyType.NUMBER)).isEqualTo(1000L);
      assertThat(coerce("2.5e-1", PropertyType.NUMBER)).isEqualTo(0.25);
    }

    @Test
    void decimalStringRoundingToAnIntegerIsAnInteger() {
      // fixed in Values: was Double 1.0, against C2's "integral values come back as integers"
      assertThat(coerce("1.00000000000000000001", PropertyType.NUMBER)).isEqualTo(1L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "", " 30", "30 ", "0x10", "NaN", "Infinity", "1,5", "--1"})
    void nonNumericStringIsRefused(String value) {
      assertRefused(value, PropertyType.NUMBER, "cannot convert \"" + value + "\" to number");
    }

    @Test
    void overflowingNumericStringIsRefused() {
      // fixed in Values: "1e400" used to become Infinity
      assertRefused("1e400", PropertyType.NUMBER, "cannot convert \"1e400\" to number");
      assertRefused("-1e400", PropertyType.NUMBER, "cannot convert \"-1e400\" to number");
    }

    @Test
    void nonFiniteDoubleIsRefused() {
      assertRefused(Double.NaN, PropertyType.NUMBER, "cannot convert NaN to number");
      assertRefused(
          Double.POSITIVE_INFINITY, PropertyType.NUMBER, "cannot convert Infinity to number");
    }

    @Test
    void booleanIsNotANumber() {
      assertRefused(true, PropertyType.NUMBER, "cannot convert true to number");
    }
  }

  @Nested
  class Strings {
    @Test
    void numberBecomesItsDecimalString() {
      assertThat(coerce(30, PropertyType.STRING)).isEqualTo("30");
      assertThat(coerce(30L, PropertyType.STRING)).isEqualTo("30");
      assertThat(coerce(30.0, PropertyType.STRING)).isEqualTo("30");
      assertThat(coerce(30.5, PropertyType.STRING)).isEqualTo("30.5");
    }

    @Test
    void booleanBecomesItsString() {
      assertThat(coerce(true, PropertyType.STRING)).isEqualTo("true");
    }

    @Test
    void unicodeAndSpecialCharactersAreKeptExactly() {
      String text = "O'Brien \"q\" \\ % _ 😀 \t";
      assertThat(coerce(text, PropertyType.STRING)).isEqualTo(text);
    }

    @Test
    void objectIsRefused() {
      assertRefused(Map.of("a", 1), PropertyType.STRING, "cannot convert {a=1} to string");
    }

    @Test
    void listIsRefused() {
      assertRefused(List.of("a"), PropertyType.STRING, "cannot convert [a] to string");
    }
  }

  @Nested
  class Booleans {
    @Test
    void acceptedSpellingsConvert() {
      assertThat(coerce("true", PropertyType.BOOLEAN)).isEqualTo(true);
      assertThat(coerce("false", PropertyType.BOOLEAN)).isEqualTo(false);
      assertThat(coerce("1", PropertyType.BOOLEAN)).isEqualTo(true);
      assertThat(coerce("0", PropertyType.BOOLEAN)).isEqualTo(false);
      assertThat(coerce(1, PropertyType.BOOLEAN)).isEqualTo(true);
      assertThat(coerce(0, PropertyType.BOOLEAN)).isEqualTo(false);
      assertThat(coerce(1.0, PropertyType.BOOLEAN)).isEqualTo(true);
      assertThat(coerce(false, PropertyType.BOOLEAN)).isEqualTo(false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"X", "TRUE", "yes", "", "null", "2"})
    void otherStringsAreRefused(String value) {
      assertRefused(value, PropertyType.BOOLEAN, "cannot convert \"" + value + "\" to boolean");
    }

    @Test
    void otherNumbersAreRefused() {
      assertRefused(2, PropertyType.BOOLEAN, "cannot convert 2 to boolean");
      assertRefused(0.5, PropertyType.BOOLEAN, "cannot convert 0.5 to boolean");
    }
  }

  @Nested
  class Dates {
    private Instant date(Object value) {
      return (Instant) coerce(value, PropertyType.DATE);
    }

    @Test
    void isoStringWithZoneIsParsed() {
      assertThat(date("1980-12-08T10:11:12.345Z"))
          .isEqualTo(Instant.parse("1980-12-08T10:11:12.345Z"));
    }

    @Test
    void isoStringWithOffsetIsConvertedToUtc() {
      assertThat(date("2015-01-02T10:00:00-05:00"))
          .isEqualTo(Instant.parse("2015-01-02T15:00:00Z"));
      assertThat(date("2015-01-02T10:00:00+0100")).isEqualTo(Instant.parse("2015-01-02T09:00:00Z"));
    }

    @Test
    void dateOnlyStringIsUtcMidnight() {
      assertThat(date("1942-06-18")).isEqualTo(Instant.parse("1942-06-18T00:00:00Z"));
    }

    @Test
    void dateTimeWithoutOffsetIsUtc() {
      assertThat(date("2015-01-02T10:00:00")).isEqualTo(Instant.parse("2015-01-02T10:00:00Z"));
      assertThat(date("2015-01-02T10:00")).isEqualTo(Instant.parse("2015-01-02T10:00:00Z"));
    }

    @Test
    void epochMillisAreADate() {
      assertThat(date(0)).isEqualTo(Instant.EPOCH);
      assertThat(date(1423000000123L)).isEqualTo(Instant.ofEpochMilli(1423000000123L));
      assertThat(date(-1L)).isEqualTo(Instant.ofEpochMilli(-1));
    }

    @Test
    void preEpochDatesAreExact() {
      assertThat(date("1901-02-03T04:05:06.789Z"))
          .isEqualTo(Instant.parse("1901-02-03T04:05:06.789Z"));
      assertThat(Values.formatDate(date("1942-06-18"))).isEqualTo("1942-06-18T00:00:00.000Z");
    }

    @Test
    void subMillisecondPrecisionIsTruncated() {
      assertThat(date("2015-01-02T10:00:00.123456789Z"))
          .isEqualTo(Instant.parse("2015-01-02T10:00:00.123Z"));
      assertThat(date("1969-12-31T23:59:59.9999Z"))
          .isEqualTo(Instant.parse("1969-12-31T23:59:59.999Z"));
      assertThat(date(Instant.parse("2015-01-02T10:00:00.123999Z")))
          .isEqualTo(Instant.parse("2015-01-02T10:00:00.123Z"));
    }

    @Test
    void javaTimeValuesAreAccepted() {
      Instant expected = Instant.parse("2015-01-02T10:00:00Z");
      assertThat(date(Date.from(expected))).isEqualTo(expected);
      assertThat(date(OffsetDateTime.of(2015, 1, 2, 11, 0, 0, 0, ZoneOffset.ofHours(1))))
          .isEqualTo(expected);
      assertThat(date(LocalDateTime.of(2015, 1, 2, 10, 0))).isEqualTo(expected);
      assertThat(date(LocalDate.of(2015, 1, 2))).isEqualTo(Instant.parse("2015-01-02T00:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(
        strings = {"2/1/2015", "notadate", "", "2015-02-30", "2015-13-01", "1423000000000", "2015"})
    void nonIsoStringsAreRefused(String value) {
      assertRefused(value, PropertyType.DATE, "cannot convert \"" + value + "\" to date");
    }

    @Test
    void fractionalEpochAndBooleanAreRefused() {
      assertRefused(1.5, PropertyType.DATE, "cannot convert 1.5 to date");
      assertRefused(true, PropertyType.DATE, "cannot convert true to date");
    }

    @Test
    void formatDateWritesUtcWithMilliseconds() {
      assertThat(Values.formatDate(Instant.parse("1980-12-08T00:00:00Z")))
          .isEqualTo("1980-12-08T00:00:00.000Z");
    }
  }

  @Nested
  class Buffers {
    @Test
    void base64StringIsDecoded() {
      assertThat((byte[]) coerce("aGVsbG8=", PropertyType.BUFFER))
          .isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void byteArrayIsCopied() {
      byte[] bytes = {1, 2, 3};
      byte[] coerced = (byte[]) coerce(bytes, PropertyType.BUFFER);
      assertThat(coerced).isEqualTo(bytes).isNotSameAs(bytes);
    }

    @Test
    void byteBufferIsReadWithoutMovingIt() {
      ByteBuffer buffer = ByteBuffer.wrap(new byte[] {0, 1, 2, 3});
      buffer.position(1);
      assertThat((byte[]) coerce(buffer, PropertyType.BUFFER)).isEqualTo(new byte[] {1, 2, 3});
      assertThat(buffer.position()).isEqualTo(1);
    }

    @Test
    void nonBase64StringIsRefused() {
      assertRefused(
          "not base64!",
          PropertyType.BUFFER,
          "cannot convert \"not base64!\" to buffer (not base64)");
    }

    @Test
    void numberIsRefused() {
      assertRefused(5, PropertyType.BUFFER, "cannot convert 5 to buffer");
    }
  }

  @Nested
  class ArrayValues {
    @Test
    void itemsAreCoercedByItemType() {
      assertThat(coerce(List.of("1", 2, 3.0), PropertyType.arrayOf(PropertyType.NUMBER)))
          .isEqualTo(List.of(1L, 2L, 3L));
    }

    @Test
    void untypedArrayNormalisesItems() {
      assertThat(coerce(List.of(1, "a", 2.5), PropertyType.ARRAY)).isEqualTo(List.of(1L, "a", 2.5));
    }

    @Test
    void javaArrayIsAccepted() {
      assertThat(coerce(new Object[] {"a", 1}, PropertyType.arrayOf(PropertyType.STRING)))
          .isEqualTo(List.of("a", "1"));
    }

    @Test
    void nullItemsStayNull() {
      List<Object> items = new ArrayList<>(Arrays.asList("a", null));
      assertThat(coerce(items, PropertyType.arrayOf(PropertyType.STRING))).isEqualTo(items);
    }

    @Test
    void badItemIsRefusedWithItsIndex() {
      assertRefused(
          List.of(1, 2, "abc"),
          PropertyType.arrayOf(PropertyType.NUMBER),
          "item 2: cannot convert \"abc\" to number");
    }

    @Test
    void nestedArraysNameEveryIndex() {
      assertRefused(
          List.of(List.of("a"), List.of("b", Map.of())),
          PropertyType.arrayOf(PropertyType.arrayOf(PropertyType.STRING)),
          "item 1: item 1: cannot convert {} to string");
    }

    @Test
    void scalarIsNotAnArray() {
      assertRefused(
          "a", PropertyType.arrayOf(PropertyType.STRING), "cannot convert \"a\" to [string]");
    }

    @Test
    void resultIsACopy() {
      List<Object> input = new ArrayList<>(List.of("a"));
      @SuppressWarnings("unchecked")
      List<Object> coerced = (List<Object>) coerce(input, PropertyType.ARRAY);
      coerced.add("b");
      assertThat(input).containsExactly("a");
    }
  }

  @Nested
  class ObjectValues {
    @Test
    void objectIsNormalisedDeeply() {
      Map<String, Object> inner = new LinkedHashMap<>();
      inner.put("n", 3);
      inner.put("d", 2.0);
      inner.put("list", List.of(1, 2.5, Map.of("x", (short) 4)));
      Map<String, Object> value = new LinkedHashMap<>();
      value.put("inner", inner);
      value.put("s", "text");
      value.put("none", null);

      Map<String, Object> expectedInner = new LinkedHashMap<>();
      expectedInner.put("n", 3L);
      expectedInner.put("d", 2L);
      expectedInner.put("list", List.of(1L, 2.5, Map.of("x", 4L)));
      Map<String, Object> expected = new LinkedHashMap<>();
      expected.put("inner", expectedInner);
      expected.put("s", "text");
      expected.put("none", null);

      assertThat(coerce(value, PropertyType.OBJECT)).isEqualTo(expected);
    }

    @Test
    void objectIsACopyInKeyOrder() {
      Map<String, Object> value = new LinkedHashMap<>();
      value.put("b", 1);
      value.put("a", 2);
      @SuppressWarnings("unchecked")
      Map<String, Object> coerced = (Map<String, Object>) coerce(value, PropertyType.OBJECT);
      assertThat(coerced).containsExactly(Map.entry("b", 1L), Map.entry("a", 2L));
      coerced.put("c", 3);
      assertThat(value).doesNotContainKey("c");
    }

    @Test
    void nonObjectIsRefused() {
      assertRefused("{}", PropertyType.OBJECT, "cannot convert \"{}\" to object");
      assertRefused(List.of(), PropertyType.OBJECT, "cannot convert [] to object");
    }

    @Test
    void anyAcceptsEveryJsonValueNormalised() {
      assertThat(coerce(5, PropertyType.ANY)).isEqualTo(5L);
      assertThat(coerce("x", PropertyType.ANY)).isEqualTo("x");
      assertThat(coerce(Map.of("a", 1.0), PropertyType.ANY)).isEqualTo(Map.of("a", 1L));
    }
  }

  @Test
  void showQuotesStringsAndCutsLongValues() {
    assertThat(Values.show("abc")).isEqualTo("\"abc\"");
    assertThat(Values.show(null)).isEqualTo("null");
    assertThat(Values.show(new byte[3])).isEqualTo("<3 bytes>");
    assertThat(Values.show("x".repeat(200))).hasSize(81).endsWith("…");
  }
}
