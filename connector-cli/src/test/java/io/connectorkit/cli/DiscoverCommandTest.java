package io.connectorkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyDefinition;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code connectorkit discover} against MariaDB at 127.0.0.1:3306 ({@code CK_MYSQL_URL} overrides
 * the database URL, default {@code ck_test}).
 */
class DiscoverCommandTest {
  private static final String URL =
      System.getenv().getOrDefault("CK_MYSQL_URL", "mysql://root@127.0.0.1:3306/ck_test");

  private static final String EVERY_TYPE =
      """
      {"name": "CkDiscovered", "properties": {
        "id": {"type": "number", "id": true, "generated": true},
        "s": {"type": "string", "length": 100, "index": true},
        "n": "number", "b": "boolean", "d": "date", "o": "object",
        "a": ["string"], "ad": ["date"], "u": "array", "buf": "buffer", "x": "any",
        "count": {"type": "number", "mysql": {"dataType": "int"}},
        "class": "string", "first-name": "string"}}
      """;

  @TempDir Path dir;
  private DataSource db;
  private ModelDefinition original;
  private Path datasourceFile;

  @BeforeEach
  void setUp() throws IOException {
    db = DataSources.create("discover-test", settings());
    original = db.define(EVERY_TYPE);
    db.automigrate("CkDiscovered");
    datasourceFile =
        Files.writeString(
            dir.resolve("datasource.json"),
            "{\"db\": {\"name\": \"db\", \"connector\": \"mysql\", \"url\": \"${URL}\"}}");
  }

  @AfterEach
  void tearDown() {
    db.execute(
        "DROP TABLE IF EXISTS `CkDiscovered`", List.of(), io.connectorkit.core.common.Options.NONE);
    db.close();
  }

  private static Map<String, Object> settings() {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("connector", "mysql");
    settings.put("url", URL);
    settings.put("createDatabase", true);
    settings.put("connectionLimit", 2);
    return settings;
  }

  private MainTest.Run discover(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "discover";
    all[1] = "--datasource";
    all[2] = datasourceFile.toString();
    System.arraycopy(args, 0, all, 3, args.length);
    return MainTest.run("", Map.of("URL", URL), all);
  }

  @Test
  void writesModelJsonThatDefinesAnEquivalentModelOnAFreshDataSource() throws IOException {
    Path out = dir.resolve("models");

    MainTest.Run run = discover("--table", "CkDiscovered", "--keep-names", "--out", out.toString());

    assertThat(run.err()).isEmpty();
    assertThat(run.status()).isZero();
    Path json = out.resolve("CkDiscovered.json");
    assertThat(run.out()).contains(json.toString());
    try (DataSource fresh = DataSources.create("fresh", settings())) {
      ModelDefinition defined = fresh.define(Files.readString(json));
      assertEquivalent(defined, original);
      assertThat(fresh.isActual("CkDiscovered")).isTrue();
      db.dao("CkDiscovered").create(Map.of("s", "x", "n", 2.5, "o", Map.of("k", 1)));
      Dao dao = fresh.dao("CkDiscovered");
      assertThat(dao.find(null))
          .singleElement()
          .satisfies(
              row ->
                  assertThat(row)
                      .containsEntry("s", "x")
                      .containsEntry("n", 2.5)
                      .containsEntry("o", Map.of("k", 1L)));
    }
  }

  private static void assertEquivalent(ModelDefinition defined, ModelDefinition original) {
    assertThat(defined.name()).isEqualTo(original.name());
    assertThat(defined.properties().keySet())
        .containsExactlyElementsOf(original.properties().keySet());
    for (PropertyDefinition property : original.properties().values()) {
      PropertyDefinition found = defined.properties().get(property.name());
      assertThat(found.type()).as(property.name()).isEqualTo(property.type());
      assertThat(found.idPosition()).as(property.name()).isEqualTo(property.idPosition());
      assertThat(found.generated()).as(property.name()).isEqualTo(property.generated());
      assertThat(found.required()).as(property.name()).isEqualTo(property.required());
    }
    assertThat(defined.properties().get("s").length()).isEqualTo(100);
  }

  @Test
  void withoutOutPrintsOneModelForATableAndAnArrayOtherwise() throws IOException {
    MainTest.Run one = discover("--table", "CkDiscovered");
    MainTest.Run all = discover();
    MainTest.Run list = discover("--list");

    assertThat(one.status()).isZero();
    assertThat(Json.read(one.out()))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("name", "CkDiscovered");
    assertThat(all.status()).isZero();
    assertThat((List<?>) Json.read(all.out()))
        .anySatisfy(model -> assertThat(((Map<?, ?>) model).get("name")).isEqualTo("CkDiscovered"));
    assertThat(list.status()).isZero();
    assertThat((List<?>) Json.read(list.out()))
        .anySatisfy(table -> assertThat(((Map<?, ?>) table).get("name")).isEqualTo("CkDiscovered"));
  }

  @Test
  void writesAJavaRecordThatCompilesWithComponentsTypedFromTheProperties() throws Exception {
    Path out = dir.resolve("models");

    MainTest.Run run =
        discover(
            "--table",
            "CkDiscovered",
            "--keep-names",
            "--out",
            out.toString(),
            "--java",
            "com.example.db");

    assertThat(run.err()).isEmpty();
    assertThat(run.status()).isZero();
    Path source = out.resolve("com/example/db/CkDiscovered.java");
    assertThat(run.out()).contains(source.toString());
    String text = Files.readString(source);
    assertThat(text).contains("Model <code>CkDiscovered</code>", "@Id Long id");

    Class<?> record = compileAndLoad(source, "com.example.db.CkDiscovered");
    assertThat(record.isRecord()).isTrue();
    Map<String, String> components = componentTypes(record);
    assertThat(components)
        .containsExactly(
            Map.entry("id", "java.lang.Long"),
            Map.entry("s", "java.lang.String"),
            Map.entry("n", "java.lang.Double"),
            Map.entry("b", "java.lang.Boolean"),
            Map.entry("d", Instant.class.getName()),
            Map.entry("o", "java.util.Map<java.lang.String, java.lang.Object>"),
            Map.entry("a", "java.util.List<java.lang.String>"),
            Map.entry("ad", "java.util.List<java.time.Instant>"),
            Map.entry("u", "java.util.List<java.lang.Object>"),
            Map.entry("buf", "byte[]"),
            Map.entry("x", "java.lang.Object"),
            Map.entry("count", "java.lang.Long"),
            Map.entry("class_", "java.lang.String"),
            Map.entry("first_name", "java.lang.String"));
  }

  @Test
  void javaWithoutOutIsAUsageError() {
    MainTest.Run run = discover("--table", "CkDiscovered", "--java", "com.example");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("--java needs --out");
  }

  @Test
  void anUnknownTableFailsWithModelNotFound() {
    MainTest.Run run = discover("--table", "CkNoSuchTable");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("MODEL_NOT_FOUND", "CkNoSuchTable");
  }

  @Test
  void aConnectorWithoutDiscoveryFailsWithUnsupportedOperation() throws IOException {
    Path memory =
        Files.writeString(
            dir.resolve("memory.json"), "{\"name\": \"m\", \"connector\": \"memory\"}");

    MainTest.Run run =
        MainTest.run("", Map.of(), "discover", "--datasource", memory.toString(), "--list");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("UNSUPPORTED_OPERATION");
  }

  @Test
  void fileNamesCannotLeaveTheOutputDirectory() {
    assertThat(DiscoverCommand.fileName("../../etc/passwd")).isEqualTo("_.._.._etc_passwd");
    assertThat(DiscoverCommand.fileName("order items")).isEqualTo("order_items");
    assertThat(DiscoverCommand.fileName("")).isEqualTo("_");
  }

  private static Map<String, String> componentTypes(Class<?> record) {
    return java.util.Arrays.stream(record.getRecordComponents())
        .collect(
            Collectors.toMap(
                RecordComponent::getName,
                component -> typeName(component.getGenericType()),
                (a, b) -> a,
                LinkedHashMap::new));
  }

  private static String typeName(Type type) {
    if (type instanceof ParameterizedType parameterized) {
      return parameterized.getRawType().getTypeName()
          + java.util.Arrays.stream(parameterized.getActualTypeArguments())
              .map(DiscoverCommandTest::typeName)
              .collect(Collectors.joining(", ", "<", ">"));
    }
    return type.getTypeName();
  }

  /** Compiles one source file with the system compiler and loads the named class. */
  static Class<?> compileAndLoad(Path source, String className) throws Exception {
    Path classes = Files.createTempDirectory("ck-records");
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    assertThat(compiler).as("a JDK, not a JRE, runs the tests").isNotNull();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
      boolean ok =
          compiler
              .getTask(
                  null,
                  files,
                  diagnostics,
                  List.of(
                      "-d",
                      classes.toString(),
                      "-classpath",
                      System.getProperty("java.class.path"),
                      "-Xlint:all",
                      "-Werror",
                      "-Xdoclint:all,-missing"),
                  null,
                  files.getJavaFileObjects(source))
              .call();
      assertThat(ok).as("compiles cleanly: %s", diagnostics.getDiagnostics()).isTrue();
    }
    URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, DiscoverCommandTest.class.getClassLoader());
    return loader.loadClass(className);
  }
}
