package io.connectorkit.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.connectorkit.core.model.Values;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.Date;

/**
 * The CLI's one JSON configuration: requests are read with integers as {@link Long} (larger ones
 * stay exact as {@link java.math.BigInteger}) and decimals as {@link Double}; results are written
 * in the contract's value forms (C2): dates as ISO-8601 UTC with milliseconds, buffers as base64.
 */
final class Json {
  static final ObjectMapper MAPPER = create();

  private Json() {}

  private static ObjectMapper create() {
    SimpleModule module = new SimpleModule("connectorkit-cli");
    module.addSerializer(Instant.class, new DateSerializer<>(Instant.class, instant -> instant));
    module.addSerializer(
        OffsetDateTime.class,
        new DateSerializer<>(OffsetDateTime.class, OffsetDateTime::toInstant));
    module.addSerializer(
        ZonedDateTime.class, new DateSerializer<>(ZonedDateTime.class, ZonedDateTime::toInstant));
    module.addSerializer(Date.class, new DateSerializer<>(Date.class, Date::toInstant));
    // Native results of execute may hold other java.time values; their ISO text beats failing.
    module.addSerializer(TemporalAccessor.class, new TemporalTextSerializer());
    return JsonMapper.builder()
        .enable(DeserializationFeature.USE_LONG_FOR_INTS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        // {"op": "find", "op": "deleteAll"} is ambiguous; refusing it is safer than picking one.
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        // Parse errors must not echo request text (it may hold secrets).
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .addModule(module)
        .build();
  }

  /** One line of JSON text. */
  static String write(Object value) throws JsonProcessingException {
    return MAPPER.writeValueAsString(value);
  }

  /** Parses JSON text into maps, lists, strings, numbers, booleans and null. */
  static Object read(String text) throws JsonProcessingException {
    return MAPPER.readValue(text, Object.class);
  }

  /** A parse error as a message without the input: what went wrong and where. */
  static String describe(JsonProcessingException e) {
    String where =
        e.getLocation() == null || e.getLocation().getColumnNr() < 0
            ? ""
            : " (column " + e.getLocation().getColumnNr() + ")";
    return e.getOriginalMessage() + where;
  }

  private static final class DateSerializer<T> extends StdSerializer<T> {
    private static final long serialVersionUID = 1L;
    private final transient java.util.function.Function<T, Instant> toInstant;

    DateSerializer(Class<T> type, java.util.function.Function<T, Instant> toInstant) {
      super(type);
      this.toInstant = toInstant;
    }

    @Override
    public void serialize(T value, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      generator.writeString(Values.formatDate(toInstant.apply(value)));
    }
  }

  private static final class TemporalTextSerializer extends StdSerializer<TemporalAccessor> {
    private static final long serialVersionUID = 1L;

    TemporalTextSerializer() {
      super(TemporalAccessor.class);
    }

    @Override
    public void serialize(
        TemporalAccessor value, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      generator.writeString(value.toString());
    }
  }
}
