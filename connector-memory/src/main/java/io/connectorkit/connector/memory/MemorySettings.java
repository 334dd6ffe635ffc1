package io.connectorkit.connector.memory;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.spi.Settings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The datasource settings of the {@code memory} connector, read once by its factory.
 *
 * @param file the JSON file the store is loaded from and saved to (setting {@code file}), or empty
 *     for a store that lives as long as the connector
 */
record MemorySettings(Optional<Path> file) {
  private static final Logger LOG = LoggerFactory.getLogger(MemorySettings.class);

  MemorySettings {
    requireNonNull(file, "file is null");
  }

  /**
   * Reads the settings. LoopBack 4's generator writes {@code "file": ""} and {@code "localStorage":
   * ""} for "none" (C1.1): blank is absent.
   *
   * @throws ConnectorException CONFIGURATION_INVALID naming {@code file} when it is not a string or
   *     not a path
   */
  static MemorySettings from(Settings settings) {
    requireNonNull(settings, "settings is null");
    Optional<Path> file =
        settings.string("file").filter(f -> !f.isBlank()).map(MemorySettings::path);
    settings
        .string("localStorage")
        .filter(key -> !key.isBlank())
        .ifPresent(
            key ->
                LOG.warn(
                    "memory datasource: LoopBack setting \"localStorage\" ({}) is not supported"
                        + " (it names browser storage); the store is not persisted there",
                    key));
    return new MemorySettings(file);
  }

  private static Path path(String file) {
    try {
      return Path.of(file);
    } catch (InvalidPathException e) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          "setting \"file\" must be a file path, got \"" + file + "\": " + e.getReason());
    }
  }
}
