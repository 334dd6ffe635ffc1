package io.connectorkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/architecture.md's package table true: it lists exactly connector-core's packages, and
 * each row names every public type of its package.
 */
class PackageTableTest {
  private static final Path DOC = Path.of("../docs/architecture.md");
  private static final Path SOURCES = Path.of("src/main/java");
  private static final Pattern ROW =
      Pattern.compile("^\\| `(io\\.connectorkit\\.core[\\w.]*)` \\|");
  private static final Pattern NAME = Pattern.compile("`@?([A-Z]\\w*)`");
  private static final Pattern PUBLIC_TYPE =
      Pattern.compile(
          "^public (?:(?:abstract|final|sealed|non-sealed|static) )*(?:class|interface|record|enum|@interface) (\\w+)",
          Pattern.MULTILINE);

  @Test
  void thePackageTableListsExactlyTheSourcePackages() throws IOException {
    assertThat(documented().keySet()).isEqualTo(sourcePackages().keySet());
  }

  @Test
  void eachRowNamesEveryPublicTypeOfItsPackage() throws IOException {
    Map<String, Set<String>> documented = documented();
    sourcePackages()
        .forEach(
            (pkg, types) ->
                assertThat(documented.getOrDefault(pkg, Set.of()))
                    .as("docs/architecture.md row of %s", pkg)
                    .containsAll(types));
  }

  private static Map<String, Set<String>> documented() throws IOException {
    String doc = Files.readString(DOC);
    int start = doc.indexOf("<!-- package-table");
    int end = doc.indexOf("<!-- /package-table -->");
    assertThat(start).as("package-table markers in %s", DOC).isNotNegative().isLessThan(end);
    Map<String, Set<String>> rows = new LinkedHashMap<>();
    for (String line : doc.substring(start, end).split("\n")) {
      Matcher row = ROW.matcher(line);
      if (row.find()) {
        Set<String> names = new TreeSet<>();
        Matcher name = NAME.matcher(line);
        while (name.find()) {
          names.add(name.group(1));
        }
        rows.put(row.group(1), names);
      }
    }
    return rows;
  }

  private static Map<String, Set<String>> sourcePackages() throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      Map<String, Set<String>> packages = new TreeMap<>();
      for (Path file :
          files
              .filter(f -> f.toString().endsWith(".java"))
              .filter(f -> !f.endsWith("module-info.java"))
              .collect(Collectors.toList())) {
        String pkg = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
        Set<String> types = packages.computeIfAbsent(pkg, p -> new TreeSet<>());
        Matcher type = PUBLIC_TYPE.matcher(Files.readString(file));
        if (type.find() && !file.endsWith("package-info.java")) {
          types.add(type.group(1));
        }
      }
      return packages;
    }
  }
}
