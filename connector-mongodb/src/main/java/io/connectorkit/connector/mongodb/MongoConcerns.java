package io.connectorkit.connector.mongodb;

import com.mongodb.ReadConcern;
import com.mongodb.ReadConcernLevel;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.spi.Settings;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * Which members answer and how durable a write must be: the driver's {@link ReadPreference}, {@link
 * ReadConcern} and {@link WriteConcern}, and whether reads follow the writes before them through a
 * causally consistent session. Read from LoopBack's keys ({@code readPreference}, {@code
 * readConcern}, {@code writeConcern} and its older spellings {@code w}, {@code j}, {@code
 * wtimeout}) once, for the datasource and for each operation's {@link
 * io.connectorkit.core.common.Options}; a null component leaves the level above (the operation's
 * datasource, the connection string) in force.
 *
 * @param readPreference the members a read may go to, or null
 * @param readConcern the read concern level, or null
 * @param writeConcern the acknowledgement a write waits for, or null
 * @param causalConsistency whether reads outside a transaction see the writes before them through a
 *     causally consistent session, or null
 */
record MongoConcerns(
    @Nullable ReadPreference readPreference,
    @Nullable ReadConcern readConcern,
    @Nullable WriteConcern writeConcern,
    @Nullable Boolean causalConsistency) {

  /** Nothing set: everything inherited. */
  static final MongoConcerns NONE = new MongoConcerns(null, null, null, null);

  /** The keys this record reads. */
  static final List<String> KEYS =
      List.of(
          "readPreference",
          "readConcern",
          "writeConcern",
          "w",
          "j",
          "wtimeout",
          "causalConsistency");

  private static final String READ_PREFERENCES =
      "primary, primaryPreferred, secondary, secondaryPreferred or nearest";

  /**
   * Reads the concerns from settings (a datasource's or an operation's).
   *
   * @throws ConnectorException CONFIGURATION_INVALID naming the key and the allowed values
   */
  static MongoConcerns from(Settings settings) {
    ReadPreference readPreference =
        settings.string("readPreference").map(MongoConcerns::readPreference).orElse(null);
    ReadConcern readConcern = readConcern(settings);
    WriteConcern writeConcern = writeConcern(settings);
    Boolean causal =
        settings.has("causalConsistency") ? settings.bool("causalConsistency", false) : null;
    return new MongoConcerns(readPreference, readConcern, writeConcern, causal);
  }

  /** These concerns, each absent one taken from {@code outer}. */
  MongoConcerns orElse(MongoConcerns outer) {
    return new MongoConcerns(
        readPreference != null ? readPreference : outer.readPreference,
        readConcern != null ? readConcern : outer.readConcern,
        writeConcern != null ? writeConcern : outer.writeConcern,
        causalConsistency != null ? causalConsistency : outer.causalConsistency);
  }

  /** Whether operations outside a transaction run in a causally consistent session. */
  boolean causal() {
    return Boolean.TRUE.equals(causalConsistency);
  }

  /** The collection with every concern set here applied. */
  MongoCollection<Document> apply(MongoCollection<Document> collection) {
    return apply(
        collection,
        MongoCollection::withReadPreference,
        MongoCollection::withReadConcern,
        MongoCollection::withWriteConcern);
  }

  /** The database with every concern set here applied. */
  MongoDatabase apply(MongoDatabase database) {
    return apply(
        database,
        MongoDatabase::withReadPreference,
        MongoDatabase::withReadConcern,
        MongoDatabase::withWriteConcern);
  }

  /** The driver's collections and databases share the three {@code with…} but no interface. */
  private <T> T apply(
      T target,
      BiFunction<T, ReadPreference, T> withReadPreference,
      BiFunction<T, ReadConcern, T> withReadConcern,
      BiFunction<T, WriteConcern, T> withWriteConcern) {
    T result = target;
    if (readPreference != null) {
      result = withReadPreference.apply(result, readPreference);
    }
    if (readConcern != null) {
      result = withReadConcern.apply(result, readConcern);
    }
    if (writeConcern != null) {
      result = withWriteConcern.apply(result, writeConcern);
    }
    return result;
  }

  private static ReadPreference readPreference(String name) {
    try {
      return ReadPreference.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw invalid("readPreference", name, READ_PREFERENCES);
    }
  }

  /** {@code "majority"} or {@code {"level": "majority"}}; null when not set. */
  private static @Nullable ReadConcern readConcern(Settings settings) {
    Object value = settings.get("readConcern");
    if (value == null) {
      return null;
    }
    Object level = value instanceof Map<?, ?> map ? map.get("level") : value;
    String allowed =
        Arrays.stream(ReadConcernLevel.values())
            .map(ReadConcernLevel::getValue)
            .collect(Collectors.joining(", "));
    if (!(level instanceof String text)) {
      throw invalid("readConcern", value, "one of " + allowed + ", or {\"level\": …}");
    }
    try {
      return new ReadConcern(ReadConcernLevel.fromString(text));
    } catch (IllegalArgumentException e) {
      throw invalid("readConcern", value, "one of " + allowed);
    }
  }

  /**
   * {@code writeConcern} as {@code {"w": 1 | "majority" | tag, "j": bool, "wtimeout": ms}} or its
   * {@code w} alone; the top-level {@code w}, {@code j}, {@code wtimeout} (LoopBack's older keys)
   * fill in what it leaves out. Null when none of them is set.
   */
  private static @Nullable WriteConcern writeConcern(Settings settings) {
    Object given = settings.get("writeConcern");
    Map<String, Object> object;
    if (given instanceof Map<?, ?>) {
      object = settings.object("writeConcern");
    } else {
      object = given == null ? Map.of() : Map.of("w", given);
    }
    Settings concern = Settings.of(object);
    String prefix = given instanceof Map<?, ?> ? "writeConcern." : "";
    Object w = object.containsKey("w") ? object.get("w") : settings.get("w");
    String wKey =
        object.containsKey("w")
            ? (given instanceof Map<?, ?> ? "writeConcern.w" : "writeConcern")
            : "w";
    boolean hasJ = concern.has("j") || settings.has("j");
    boolean hasTimeout = concern.has("wtimeout") || settings.has("wtimeout");
    if (w == null && !hasJ && !hasTimeout) {
      return null;
    }
    WriteConcern result = WriteConcern.ACKNOWLEDGED;
    if (w instanceof Number number) {
      if (number.doubleValue() != Math.rint(number.doubleValue()) || number.longValue() < 0) {
        throw invalid(wKey, w, "an integer from 0, \"majority\" or a tag set name");
      }
      result = new WriteConcern(number.intValue());
    } else if (w instanceof String text && !text.isBlank()) {
      result =
          text.chars().allMatch(Character::isDigit)
              ? new WriteConcern(Integer.parseInt(text))
              : new WriteConcern(text);
    } else if (w != null) {
      throw invalid(wKey, w, "an integer from 0, \"majority\" or a tag set name");
    }
    if (hasJ) {
      String key = concern.has("j") ? prefix + "j" : "j";
      Settings source = concern.has("j") ? concern : settings;
      result = result.withJournal(checked("j", key, () -> source.bool("j", false)));
    }
    if (hasTimeout) {
      String key = concern.has("wtimeout") ? prefix + "wtimeout" : "wtimeout";
      Settings source = concern.has("wtimeout") ? concern : settings;
      int millis =
          checked("wtimeout", key, () -> source.integer("wtimeout", 0, 0, Integer.MAX_VALUE));
      result = result.withWTimeout(millis, TimeUnit.MILLISECONDS);
    }
    try {
      result.isAcknowledged();
    } catch (IllegalArgumentException e) {
      throw invalid(wKey, w, "a valid write concern (" + e.getMessage() + ")");
    }
    return result;
  }

  /** Runs a read of a nested object's {@code innerKey}, naming the full key in its failure. */
  private static <T> T checked(String innerKey, String fullKey, Supplier<T> read) {
    try {
      return read.get();
    } catch (ConnectorException e) {
      if (innerKey.equals(fullKey)) {
        throw e;
      }
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          String.valueOf(e.getMessage()).replace("\"" + innerKey + "\"", "\"" + fullKey + "\""));
    }
  }

  private static ConnectorException invalid(String key, @Nullable Object value, String allowed) {
    return new ConnectorException(
        ErrorCode.CONFIGURATION_INVALID,
        "setting \"" + key + "\" must be " + allowed + ", got \"" + value + "\"");
  }
}
