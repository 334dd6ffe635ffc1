package io.connectorkit.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A backend the bench runs against, with both of its sides set up on the same server: the DAO on
 * model {@code BenchPerson}, the raw baseline on model {@code BenchRawPerson} (a table of the same
 * shape, created by the connector's own migration so the two tables are identical).
 *
 * <p>Servers: {@code CK_MYSQL_URL} and {@code CK_POSTGRES_URL} as the project's tests read them
 * (defaults: root at 127.0.0.1:3306, postgres at 127.0.0.1:5432, database {@code ck_bench}); {@code
 * CK_MONGODB_URL} for a real MongoDB, else mongo-java-server in this JVM on an ephemeral port.
 */
final class Backend implements AutoCloseable {
  static final List<String> NAMES = List.of("memory", "mysql", "postgresql", "mongodb");
  static final int POOL_SIZE = 16;
  static final String MODEL = "BenchPerson";
  static final String RAW_MODEL = "BenchRawPerson";

  final String name;
  final String description;
  final Side dao;
  final Side raw;
  private final List<AutoCloseable> resources = new ArrayList<>();

  /** A backend of two given sides (tests); closing it closes both. */
  static Backend of(String name, String description, Side dao, Side raw) {
    return new Backend(name, description, dao, raw, List.of());
  }

  private Backend(String name, String description, Side dao, Side raw, List<AutoCloseable> res) {
    this.name = name;
    this.description = description;
    this.dao = dao;
    this.raw = raw;
    resources.addAll(res);
  }

  /** Opens the backend and (re)creates both tables, empty. */
  static Backend open(String name) {
    return switch (name) {
      case "memory" -> memory();
      case "mysql" -> sql(name, env("CK_MYSQL_URL", "mysql://root@127.0.0.1:3306/ck_bench"));
      case "postgresql" ->
          sql(name, env("CK_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/ck_bench"));
      case "mongodb" -> mongodb(System.getenv("CK_MONGODB_URL"));
      default -> throw new IllegalArgumentException("unknown backend: " + name);
    };
  }

  private static String env(String variable, String fallback) {
    String value = System.getenv(variable);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static DataSource defined(DataSource db, boolean migrate) {
    db.define(Person.modelJson(MODEL));
    db.define(Person.modelJson(RAW_MODEL));
    if (migrate) {
      db.automigrate(MODEL, RAW_MODEL);
    }
    return db;
  }

  private static Backend memory() {
    DataSource db = defined(DataSources.create("bench", Map.of("connector", "memory")), false);
    return new Backend(
        "memory",
        "the memory connector; raw: ConcurrentHashMap with hand-written predicates",
        new DaoSide(db.dao(MODEL), db::close),
        new RawMemorySide(),
        List.of());
  }

  private static Backend sql(String name, String url) {
    URI uri = URI.create(url.startsWith("jdbc:") ? url.substring(5) : url);
    boolean mysql = name.equals("mysql");
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("connector", name);
    settings.put("url", url);
    settings.put("connectionLimit", POOL_SIZE);
    settings.put("createDatabase", true);
    if (!mysql) {
      // The raw side's SQL names the tables as the models do.
      settings.put("exactCaseNames", true);
    }
    DataSource db = defined(DataSources.create("bench", settings), true);
    HikariConfig config = new HikariConfig();
    String database = uri.getPath().substring(1);
    int port = uri.getPort() > 0 ? uri.getPort() : mysql ? 3306 : 5432;
    config.setJdbcUrl(
        (mysql ? "jdbc:mysql://" : "jdbc:postgresql://")
            + uri.getHost()
            + ":"
            + port
            + "/"
            + database);
    String user = mysql ? "root" : "postgres";
    String password = "";
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
      password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
    }
    config.setUsername(user);
    config.setPassword(password);
    // HikariCP's recommended settings for each driver: a fixed-size pool, server-side prepared
    // statements cached per connection (pgjdbc does so by default after 5 executions).
    Properties properties = new Properties();
    if (mysql) {
      properties.setProperty("cachePrepStmts", "true");
      properties.setProperty("prepStmtCacheSize", "250");
      properties.setProperty("prepStmtCacheSqlLimit", "2048");
      properties.setProperty("useServerPrepStmts", "true");
      properties.setProperty("characterEncoding", "UTF-8");
      properties.setProperty("allowPublicKeyRetrieval", "true");
    }
    config.setDataSourceProperties(properties);
    config.setMaximumPoolSize(POOL_SIZE);
    config.setMinimumIdle(POOL_SIZE);
    config.setPoolName("bench-raw-" + name);
    HikariDataSource pool = new HikariDataSource(config);
    String version;
    try (var connection = pool.getConnection()) {
      var meta = connection.getMetaData();
      version = meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("raw pool: " + e.getMessage(), e);
    }
    RawJdbcSide.Flavor flavor = mysql ? RawJdbcSide.Flavor.MYSQL : RawJdbcSide.Flavor.POSTGRESQL;
    return new Backend(
        name,
        version
            + " at "
            + uri.getHost()
            + ":"
            + port
            + ", database "
            + database
            + "; raw: prepared statements on HikariCP ("
            + POOL_SIZE
            + " connections)",
        new DaoSide(db.dao(MODEL), db::close),
        new RawJdbcSide(pool, flavor, RAW_MODEL),
        List.of());
  }

  private static Backend mongodb(String url) {
    List<AutoCloseable> resources = new ArrayList<>();
    String description;
    if (url == null || url.isBlank()) {
      MongoServer server = new MongoServer(new MemoryBackend());
      server.bind("127.0.0.1", 0);
      resources.add(server::shutdownNow);
      url = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort() + "/bench";
      description = "mongo-java-server (memory backend) in this JVM over TCP";
    } else {
      description = "MongoDB at CK_MONGODB_URL";
    }
    DataSource db =
        defined(DataSources.create("bench", Map.of("connector", "mongodb", "url", url)), true);
    MongoClient client = MongoClients.create(url);
    resources.add(0, client);
    String database = URI.create(url).getPath().substring(1);
    return new Backend(
        "mongodb",
        description + "; raw: mongodb-driver-sync",
        new DaoSide(db.dao(MODEL), db::close),
        new RawMongoSide(client.getDatabase(database), RAW_MODEL),
        resources);
  }

  @Override
  public void close() {
    raw.close();
    dao.close();
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        // Closing after the run: nothing left to report it to.
      }
    }
  }
}
