package io.connectorkit.connector.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.filter.Regexp;
import org.junit.jupiter.api.Test;

class PcrePatternsTest {
  private static String pcre(String pattern, String flags) {
    return PcrePatterns.translate(new Regexp(pattern, flags));
  }

  @Test
  void literalsGroupsAlternationAndQuantifiersKeepTheirSpelling() {
    assertThat(pcre("ab(c|d)+e{2,3}?f*+g?", "")).isEqualTo("(?^)ab(c|d)+e{2,3}?f*+g?");
    assertThat(pcre("(?:x)y", "")).isEqualTo("(?^)(?:x)y");
    assertThat(pcre("a\\.b\\*", "")).isEqualTo("(?^)a\\.b\\*");
    assertThat(pcre("é🎉", "")).isEqualTo("(?^)é🎉");
  }

  @Test
  void dotAndDollarSpellOutJavasLineTerminators() {
    assertThat(pcre("a.b", "")).isEqualTo("(?^)a[^\\n\\r\\x{85}\\x{2028}\\x{2029}]b");
    assertThat(pcre("a.b", "s")).isEqualTo("(?^)a(?s:.)b");
    assertThat(pcre("^a$", ""))
        .isEqualTo("(?^)^a(?=(?:\\r\\n|(?<!\\r)\\n|[\\r\\x{85}\\x{2028}\\x{2029}])?\\z)");
  }

  @Test
  void shorthandClassesBecomeJavasAsciiClasses() {
    assertThat(pcre("\\d\\W", "")).isEqualTo("(?^)[0-9][^a-zA-Z_0-9]");
    assertThat(pcre("[\\d\\s_-]", "")).isNull();
    assertThat(pcre("[\\dx\\-]", "")).isEqualTo("(?^)[0-9x\\-]");
    assertThat(pcre("[^a-f]", "")).isEqualTo("(?^)[^a-f]");
  }

  @Test
  void caseInsensitivityOnlyWhereBothEnginesFoldAlike() {
    assertThat(pcre("ab[xy]\\d", "i")).isEqualTo("(?^i)ab[xy][0-9]");
    assertThat(pcre("Ks", "i")).as("K and s fold alike (KELVIN SIGN, LONG S)").isNotNull();
    assertThat(pcre("hi", "i")).as("Java folds İ to i").isNull();
    assertThat(pcre("[a-c]", "i")).as("ranges").isNull();
    assertThat(pcre("\\w", "i")).isNull();
    assertThat(pcre("é", "i")).isNull();
  }

  @Test
  void anythingTheEnginesReadDifferentlyIsLeftToTheCore() {
    for (String pattern :
        new String[] {
          "\\bword",
          "\\p{L}",
          "\\x41",
          "\\u0041",
          "(a)\\1",
          "\\Qa\\E",
          "(?i)a",
          "(?=a)",
          "(?<n>a)",
          "[[a]b]",
          "[a&&b]",
          "[:alpha:]x",
          "[.a.]",
          "[=a=]",
          "[^]",
          "a**",
          "a{2,1}",
          "a{,2}",
          "[a-]",
          "\\Z",
          "x\\z",
          "\t",
          "a\\R"
        }) {
      assertThat(pcre(pattern, "")).as(pattern).isNull();
    }
    assertThat(pcre("^a", "m")).as("multiline anchors").isNull();
    assertThat(pcre("a.b", "m")).as("m without anchors changes nothing").isNotNull();
  }
}
