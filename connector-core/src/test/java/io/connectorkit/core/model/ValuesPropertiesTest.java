package io.connectorkit.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * Property tests of {@link Values} (jqwik; kept apart from the JUnit class so both engines run).
 */
class ValuesPropertiesTest {
  private static final long TWO_POW_53 = 1L << 53;

  @Property
  void everyLongWithinTwoPow53RoundTripsThroughItsString(
      @ForAll @LongRange(min = -TWO_POW_53, max = TWO_POW_53) long value) {
    assertThat(Values.coerce(String.valueOf(value), PropertyType.NUMBER)).isEqualTo(value);
    assertThat(Values.coerce((double) value, PropertyType.NUMBER)).isEqualTo(value);
  }

  @Property
  void everyMillisecondInstantRoundTripsThroughFormatDate(
      @ForAll @LongRange(min = -62135596800000L, max = 253402300799999L) long millis) {
    Instant instant = Instant.ofEpochMilli(millis);
    assertThat(Values.coerce(Values.formatDate(instant), PropertyType.DATE)).isEqualTo(instant);
    assertThat(Values.coerce(millis, PropertyType.DATE)).isEqualTo(instant);
  }
}
