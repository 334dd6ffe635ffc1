package io.connectorkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.spi.Connector;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every bundled connector, built by its factory from settings that hold secrets: no settings object
 * it keeps (its fields, and theirs, down to the JDK's types) prints a secret in {@code toString()}.
 */
class SettingsSecretsTest {
  private static final String SECRET = "s3cret-Zq9";

  /** Each bundled connector's settings, with every secret it accepts set to {@link #SECRET}. */
  private static Map<String, Map<String, Object>> settingsWithSecrets() {
    Map<String, Map<String, Object>> all = new LinkedHashMap<>();
    all.put("memory", Map.of("connector", "memory", "password", SECRET));
    all.put(
        "mysql",
        Map.of(
            "connector",
            "mysql",
            "url",
            "mysql://u:" + SECRET + "@127.0.0.1:1/db?trustCertificateKeyStorePassword=" + SECRET,
            "lazyConnect",
            true,
            "ssl",
            Map.of("clientCertificateKeyStorePassword", SECRET),
            "driverProperties",
            Map.of("password", SECRET)));
    all.put(
        "postgresql",
        Map.of(
            "connector",
            "postgresql",
            "host",
            "127.0.0.1",
            "port",
            1,
            "user",
            "u",
            "password",
            SECRET,
            "lazyConnect",
            true,
            "ssl",
            Map.of("sslpassword", SECRET)));
    all.put(
        "mongodb",
        Map.of(
            "connector",
            "mongodb",
            "url",
            "mongodb://u:" + SECRET + "@127.0.0.1:1/db",
            "lazyConnect",
            true,
            "readPreference",
            "secondaryPreferred",
            "writeConcern",
            Map.of("w", "majority", "wtimeout", 100),
            "causalConsistency",
            true));
    all.put(
        "mongodb (discrete)",
        Map.of(
            "connector",
            "mongodb",
            "host",
            "127.0.0.1",
            "port",
            1,
            "user",
            "u",
            "password",
            SECRET,
            "lazyConnect",
            true));
    all.put(
        "rest",
        Map.of(
            "connector",
            "rest",
            "baseURL",
            "http://127.0.0.1:1/api",
            "auth",
            Map.of("username", "u", "password", SECRET),
            "truststorePassword",
            SECRET));
    all.put(
        "rest (bearer)",
        Map.of(
            "connector",
            "rest",
            "baseURL",
            "http://127.0.0.1:1/api",
            "auth",
            Map.of("bearer", SECRET)));
    all.put(
        "soap",
        Map.of(
            "connector",
            "soap",
            "url",
            "http://127.0.0.1:1/service",
            "lazyConnect",
            true,
            "security",
            Map.of("scheme", "WS", "username", "u", "password", SECRET)));
    all.put(
        "soap (basic)",
        Map.of(
            "connector",
            "soap",
            "url",
            "http://127.0.0.1:1/service",
            "lazyConnect",
            true,
            "security",
            Map.of("scheme", "BasicAuth", "username", "u", "password", SECRET)));
    all.put(
        "helloworld",
        Map.of(
            "connector", "helloworld", "username", "u", "password", SECRET, "lazyConnect", true));
    return all;
  }

  @Test
  void noSettingsObjectOfAnyBundledConnectorPrintsAConfiguredSecret() throws Exception {
    List<String> leaks = new ArrayList<>();
    Set<String> checked = new java.util.TreeSet<>();
    for (Map.Entry<String, Map<String, Object>> entry : settingsWithSecrets().entrySet()) {
      try (DataSource db = DataSources.create("secrets", entry.getValue())) {
        Connector connector = db.unwrap(Connector.class);
        walk(entry.getKey(), connector, 0, newVisited(), leaks, checked);
      }
    }
    assertThat(leaks).as("toString() printing a secret").isEmpty();
    // The records the issue names are among those checked, so the walk reaches them. The memory
    // connector keeps no settings record once its factory has read it (MemorySettings has no
    // secret to print): it holds only what it uses.
    assertThat(checked)
        .contains(
            "MongoSettings",
            "MongoConcerns",
            "Security",
            "SoapConfig",
            "RestConfig",
            "HelloWorldSettings",
            "JdbcSettings",
            "JdbcEndpoint",
            "Settings");
  }

  private static Set<Object> newVisited() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }

  /**
   * Checks the {@code toString()} of every object of a ConnectorKit class reachable through fields
   * (the connector's settings records, config objects, endpoints), three levels deep.
   */
  private static void walk(
      String connector,
      Object value,
      int depth,
      Set<Object> visited,
      List<String> leaks,
      Set<String> checked)
      throws IllegalAccessException {
    if (value == null || depth > 3 || !visited.add(value)) {
      return;
    }
    Class<?> type = value.getClass();
    if (!type.getName().startsWith("io.connectorkit.")) {
      return;
    }
    if (depth > 0) {
      checked.add(type.getSimpleName());
      if (String.valueOf(value).contains(SECRET)) {
        leaks.add(connector + ": " + type.getName());
      }
    }
    for (Class<?> c = type;
        c != null && c.getName().startsWith("io.connectorkit.");
        c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
          continue;
        }
        field.setAccessible(true);
        walk(connector, field.get(value), depth + 1, visited, leaks, checked);
      }
    }
  }
}
