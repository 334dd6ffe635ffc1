package io.connectorkit.connector.helloworld;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the tutorial in README.md true: every {@code java} block is preceded by {@code <!--
 * excerpt: NAME -->} and equals, whitespace aside, the source between {@code // tutorial:NAME} and
 * {@code // end:NAME}; every marked region appears in the tutorial. Since the regions are the
 * compiled, TCK-tested source, the excerpts cannot rot.
 */
class TutorialTest {
  private static final Path README = Path.of("README.md");
  private static final Pattern START = Pattern.compile("^\\s*// tutorial:([\\w-]+)\\s*$");
  private static final Pattern END = Pattern.compile("^\\s*// end:([\\w-]+)\\s*$");
  private static final Pattern EXCERPT = Pattern.compile("^<!-- excerpt: ([\\w-]+) -->$");

  /** An excerpt of the README: the region it names and the code of its java block. */
  record Excerpt(String region, String code, int line) {}

  @Test
  void everyExcerptIsTheSourceOfItsRegion() throws IOException {
    Map<String, String> regions = regions();
    List<Excerpt> excerpts = excerpts();

    assertThat(excerpts).as("the tutorial has excerpts").isNotEmpty();
    for (Excerpt excerpt : excerpts) {
      assertThat(regions)
          .as("README.md line %d names region %s", excerpt.line(), excerpt.region())
          .containsKey(excerpt.region());
      assertThat(normalize(excerpt.code()))
          .as(
              "README.md line %d: the excerpt \"%s\" differs from its source region; copy it"
                  + " again from the source",
              excerpt.line(), excerpt.region())
          .isEqualTo(normalize(regions.get(excerpt.region())));
    }
  }

  @Test
  void everyRegionOfTheSourceIsInTheTutorial() throws IOException {
    List<String> used = excerpts().stream().map(Excerpt::region).toList();

    assertThat(used).containsAll(regions().keySet());
  }

  @Test
  void theServicesFileOfTheTutorialIsTheRealOne() throws IOException {
    String services =
        Files.readString(
                Path.of(
                    "src/main/resources/META-INF/services/io.connectorkit.core.spi.ConnectorFactory"))
            .strip();

    assertThat(Files.readString(README)).contains("```text\n" + services + "\n```");
    assertThat(services).isEqualTo(HelloWorldConnectorFactory.class.getName());
  }

  /** The README's java blocks, each with the region its preceding marker names. */
  static List<Excerpt> excerpts() throws IOException {
    List<String> lines = Files.readAllLines(README);
    List<Excerpt> excerpts = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).strip().equals("```java")) {
        continue;
      }
      Matcher marker = i > 0 ? EXCERPT.matcher(lines.get(i - 1).strip()) : null;
      assertThat(marker != null && marker.matches())
          .as("README.md line %d: a java block must follow <!-- excerpt: NAME -->", i + 1)
          .isTrue();
      StringBuilder code = new StringBuilder();
      int j = i + 1;
      while (j < lines.size() && !lines.get(j).strip().equals("```")) {
        code.append(lines.get(j)).append('\n');
        j++;
      }
      assertThat(j).as("README.md line %d: unclosed java block", i + 1).isLessThan(lines.size());
      excerpts.add(new Excerpt(marker.group(1), code.toString(), i + 1));
      i = j;
    }
    return excerpts;
  }

  /** The regions marked in this module's Java sources, main and test. */
  static Map<String, String> regions() throws IOException {
    Map<String, String> regions = new LinkedHashMap<>();
    List<Path> files;
    try (Stream<Path> walk =
        Stream.concat(Files.walk(Path.of("src/main/java")), Files.walk(Path.of("src/test/java")))) {
      files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    for (Path file : files) {
      String open = null;
      StringBuilder code = new StringBuilder();
      for (String line : Files.readAllLines(file)) {
        Matcher start = START.matcher(line);
        Matcher end = END.matcher(line);
        if (open == null && start.matches()) {
          open = start.group(1);
          code.setLength(0);
        } else if (open != null && end.matches()) {
          assertThat(end.group(1))
              .as("%s: region %s ends as %s", file, open, end.group(1))
              .isEqualTo(open);
          assertThat(regions.put(open, code.toString()))
              .as("%s: region %s twice", file, open)
              .isNull();
          open = null;
        } else if (open != null) {
          code.append(line).append('\n');
        }
      }
      assertThat(open).as("%s: region %s is not closed", file, open).isNull();
    }
    return regions;
  }

  /** Whitespace-normalised: runs of whitespace are one space, so indentation does not matter. */
  static String normalize(String code) {
    return code.strip().replaceAll("\\s+", " ");
  }
}
