package io.connectorkit.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Bounded pattern evaluation (docs/contract.md C4.1): like, ilike and regexp in the core. */
class PatternsTest {
  private static final Duration FAST = Duration.ofSeconds(2);

  private static boolean like(String pattern, String text) {
    return FilterEvaluator.matches(Where.like("v", pattern), Map.of("v", text));
  }

  private static boolean regexp(String pattern, String text) {
    return FilterEvaluator.matches(
        new Where.Comparison("v", Operator.REGEXP, new Regexp(pattern, "")), Map.of("v", text));
  }

  @Test
  void fourteenWildcardLikeAgainstFortyOneCharactersAnswersAtOnce() {
    String pattern = "%a".repeat(14) + "%b";
    String value = "a".repeat(41);
    boolean matched = assertTimeoutPreemptively(FAST, () -> like(pattern, value));
    assertThat(matched).isFalse();
    assertThat(like(pattern, value + "b")).isTrue();
  }

  @Test
  void likeMatchesWhatAnAnchoredRegexWouldForEveryWildcardShape() {
    String[] patterns = {
      "", "%", "_", "a%", "%a", "a_c", "%b%", "a%c%e", "\\%%", "a\\_c", "%%", "_%_", "a%a%a", "\\"
    };
    String[] values = {"", "a", "abc", "abcde", "%x", "a_c", "abc", "aaa", "\\", "aXa", "bab"};
    for (String pattern : patterns) {
      Pattern reference = referenceRegex(pattern);
      for (String value : values) {
        assertThat(like(pattern, value))
            .as("%s like %s", value, pattern)
            .isEqualTo(reference.matcher(value).matches());
      }
    }
  }

  @Test
  void likeUnderscoreTakesOneCodePointAndIlikeFoldsUnicodeCase() {
    assertThat(like("_", "🎉")).isTrue();
    assertThat(like("__", "🎉")).isFalse();
    assertThat(
            FilterEvaluator.matches(
                new Where.Comparison("v", Operator.ILIKE, "ÉCOLE%"), Map.of("v", "école primaire")))
        .isTrue();
    assertThat(like("ÉCOLE%", "école")).isFalse();
  }

  @Test
  void twentyThousandPercentSignsNeitherOverflowNorSlowDown() {
    String pattern = "%".repeat(20_000) + "x";
    assertThat(assertTimeoutPreemptively(FAST, () -> like(pattern, "abcx"))).isTrue();
    assertThat(like(pattern, "abc")).isFalse();
  }

  @Test
  void catastrophicRegexpIsRefusedWithInvalidFilterInMilliseconds() {
    String value = "a".repeat(41);
    assertTimeoutPreemptively(
        FAST,
        () ->
            assertThatThrownBy(() -> regexp("(.*a){12}$", value + "!"))
                .isInstanceOfSatisfying(
                    ConnectorException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FILTER))
                .hasMessageContaining("(.*a){12}$")
                .hasMessageContaining("nested or repeated quantifier"));
  }

  @Test
  void ordinaryRegexpsOnLongValuesStayWithinTheBudget() {
    String text = "x".repeat(100_000) + "needle";
    assertThat(regexp("ne+dle$", text)).isTrue();
    assertThat(regexp("(\\w+)\\s*=", "key = value")).isTrue();
    assertThat(regexp("^[a-z]+$", "abc1")).isFalse();
  }

  @Test
  void regexpNestedTooDeeplyToCompileIsInvalidFilter() {
    String deep = "(".repeat(50_000) + "a" + ")".repeat(50_000);
    assertThatThrownBy(
            () -> FilterParser.parse(Map.of("where", Map.of("v", Map.of("regexp", deep)))))
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FILTER))
        .hasMessageContaining("invalid regular expression");
  }

  @Test
  void regexpWhoseMatchRecursionOverflowsIsInvalidFilterNotAnError() {
    // java.util.regex recurses once per repetition of a group with alternation.
    String text = "ab".repeat(200_000);
    assertThatThrownBy(() -> regexp("^(a|b)*$", text))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FILTER));
  }

  private static Pattern referenceRegex(String like) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < like.length(); i++) {
      char c = like.charAt(i);
      if (c == '\\' && i + 1 < like.length()) {
        regex.append(Pattern.quote(String.valueOf(like.charAt(++i))));
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
