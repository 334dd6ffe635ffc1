package io.connectorkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The contract the TCK enforces travels with it, and says every rule the TCK's tests cite. */
class ContractDocumentTest {
  private static final Path DOCUMENT = Path.of("..", "docs", "contract.md");

  private static final List<Class<?>> SECTIONS =
      List.of(
          ModelRulesTck.class,
          CrudTck.class,
          UpsertTck.class,
          TypesTck.class,
          WhereTck.class,
          IncludeTck.class,
          ResidualTck.class,
          OrderTck.class,
          PagingTck.class,
          FieldsTck.class,
          ErrorsTck.class,
          LifecycleTck.class,
          FeaturesTck.class,
          TransactionsTck.class,
          HooksTck.class,
          ConcurrencyTck.class,
          RepositoryTck.class,
          RelationTck.class);

  @Test
  void theJarCarriesTheContractExactlyAsTheRepositoryHasIt() throws IOException {
    try (InputStream in =
        ContractCitation.class.getClassLoader().getResourceAsStream(ContractCitation.RESOURCE)) {
      assertThat(in).as("%s is on the TCK's class path", ContractCitation.RESOURCE).isNotNull();
      String shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(shipped).isEqualTo(Files.readString(DOCUMENT));
    }
  }

  @Test
  void everySectionATckTestCitesIsAHeadingOfTheContract() throws IOException {
    Set<String> headings = new TreeSet<>();
    Matcher heading =
        Pattern.compile("(?m)^#{2,3} (C\\d+(?:\\.\\d+)?)[. ]").matcher(Files.readString(DOCUMENT));
    while (heading.find()) {
      headings.add(heading.group(1));
    }
    Set<String> cited = new TreeSet<>();
    for (Class<?> section : SECTIONS) {
      for (Method method : section.getDeclaredMethods()) {
        ContractSection contract = method.getAnnotation(ContractSection.class);
        if (contract != null) {
          cited.add(contract.value());
        }
      }
    }
    assertThat(cited).as("sections cited by @ContractSection").hasSizeGreaterThan(10);
    assertThat(headings).as("section headings of %s", DOCUMENT).containsAll(cited);
  }

  @Test
  void aFailureNamesTheDocumentAndTheSection() {
    AssertionError original = new AssertionError("neq is the exact complement of equality");
    AssertionError cited = ContractCitation.cite("C4.1", original);
    assertThat(cited)
        .hasMessage("docs/contract.md C4.1: neq is the exact complement of equality")
        .hasCause(original);
  }
}
