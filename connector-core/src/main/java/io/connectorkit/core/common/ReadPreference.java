package io.connectorkit.core.common;

import static java.util.Objects.requireNonNull;

/**
 * Which server of a replicated datasource answers a read outside a transaction. Writes,
 * transactions and reads inside a transaction always go to the primary, whatever the preference.
 */
public enum ReadPreference {
  /** Every read on the primary: always current. */
  PRIMARY("primary"),
  /** Reads on a healthy replica only; fails with CONNECTION_FAILED when none is. */
  REPLICA("replica"),
  /** Reads on a healthy replica, on the primary when none is. */
  REPLICA_PREFERRED("replicaPreferred");

  private final String setting;

  ReadPreference(String setting) {
    this.setting = setting;
  }

  /** The name in datasource JSON and in Options, e.g. {@code replicaPreferred}. */
  public String setting() {
    return setting;
  }

  /**
   * The preference a setting names: {@code primary}, {@code replica} or {@code replicaPreferred}
   * (MongoDB's {@code secondary} and {@code secondaryPreferred} are read as the last two).
   *
   * @throws ConnectorException CONFIGURATION_INVALID naming the value and the allowed ones
   */
  public static ReadPreference of(String value) {
    requireNonNull(value, "value is null");
    return switch (value) {
      case "primary" -> PRIMARY;
      case "replica", "secondary" -> REPLICA;
      case "replicaPreferred", "secondaryPreferred" -> REPLICA_PREFERRED;
      default ->
          throw new ConnectorException(
              ErrorCode.CONFIGURATION_INVALID,
              "setting \"readPreference\" must be primary, replica or replicaPreferred, got \""
                  + value
                  + "\"");
    };
  }
}
