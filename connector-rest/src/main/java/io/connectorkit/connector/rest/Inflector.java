package io.connectorkit.connector.rest;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * LoopBack's plural of a model name: a table-driven port of the rules of the {@code inflection} npm
 * package (1.x) that LoopBack 3 and 4 use ({@code inflection.pluralize}), so resource paths match a
 * real LoopBack server's: {@code Quiz} → {@code Quizzes}, {@code Leaf} → {@code Leafs}, {@code
 * Analysis} → {@code Analyses}, {@code Information} → {@code Information}.
 *
 * <p>As there, the rules apply to the whole name (so a CamelCase name is pluralised by its last
 * word), case-insensitively, first match wins; a rule without a replacement means the word is
 * already plural. Uncountable words (compared in lower case) stay as they are.
 */
final class Inflector {
  /** One rule: a pattern and its replacement ({@code $n} = group n, empty if unmatched). */
  /** A rule; its replacement is null for a word kept as it is. */
  private record Rule(Pattern pattern, @Nullable String replacement) {}

  private static final Set<String> UNCOUNTABLE =
      Set.of(
          "accommodation",
          "adulthood",
          "advertising",
          "advice",
          "aggression",
          "aid",
          "air",
          "aircraft",
          "alcohol",
          "anger",
          "applause",
          "arithmetic",
          "assistance",
          "athletics",
          "bacon",
          "baggage",
          "beef",
          "biology",
          "blood",
          "botany",
          "bread",
          "butter",
          "carbon",
          "cardboard",
          "cash",
          "chalk",
          "chaos",
          "chess",
          "crossroads",
          "countryside",
          "dancing",
          "deer",
          "dignity",
          "dirt",
          "dust",
          "economics",
          "education",
          "electricity",
          "engineering",
          "enjoyment",
          "envy",
          "equipment",
          "ethics",
          "evidence",
          "evolution",
          "fame",
          "fiction",
          "flour",
          "flu",
          "food",
          "fuel",
          "fun",
          "furniture",
          "gallows",
          "garbage",
          "garlic",
          "genetics",
          "gold",
          "golf",
          "gossip",
          "gratitude",
          "grief",
          "guilt",
          "gymnastics",
          "happiness",
          "hardware",
          "harm",
          "hate",
          "hatred",
          "health",
          "heat",
          "help",
          "homework",
          "honesty",
          "honey",
          "hospitality",
          "housework",
          "humour",
          "hunger",
          "hydrogen",
          "ice",
          "importance",
          "inflation",
          "information",
          "innocence",
          "iron",
          "irony",
          "jam",
          "jewelry",
          "judo",
          "karate",
          "knowledge",
          "lack",
          "laughter",
          "lava",
          "leather",
          "leisure",
          "lightning",
          "linguine",
          "linguini",
          "linguistics",
          "literature",
          "litter",
          "livestock",
          "logic",
          "loneliness",
          "luck",
          "luggage",
          "macaroni",
          "machinery",
          "magic",
          "management",
          "mankind",
          "marble",
          "mathematics",
          "mayonnaise",
          "measles",
          "methane",
          "milk",
          "minus",
          "money",
          "mud",
          "music",
          "mumps",
          "nature",
          "news",
          "nitrogen",
          "nonsense",
          "nurture",
          "nutrition",
          "obedience",
          "obesity",
          "oxygen",
          "pasta",
          "patience",
          "physics",
          "poetry",
          "pollution",
          "poverty",
          "pride",
          "psychology",
          "publicity",
          "punctuation",
          "quartz",
          "racism",
          "relaxation",
          "reliability",
          "research",
          "respect",
          "revenge",
          "rice",
          "rubbish",
          "rum",
          "safety",
          "scenery",
          "seafood",
          "seaside",
          "series",
          "shame",
          "sheep",
          "shopping",
          "sleep",
          "smoke",
          "smoking",
          "snow",
          "soap",
          "software",
          "soil",
          "spaghetti",
          "species",
          "steam",
          "stuff",
          "stupidity",
          "sunshine",
          "symmetry",
          "tennis",
          "thirst",
          "thunder",
          "timber",
          "traffic",
          "transportation",
          "trust",
          "underwear",
          "unemployment",
          "unity",
          "validity",
          "veal",
          "vegetation",
          "vegetarianism",
          "vengeance",
          "violence",
          "vitality",
          "warmth",
          "wealth",
          "weather",
          "welfare",
          "wheat",
          "wildlife",
          "wisdom",
          "yoga",
          "zinc",
          "zoology");

  private static final List<Rule> PLURAL_RULES =
      List.of(
          // already plural: left alone
          keep("^(m|wom)en$"),
          keep("(pe)ople$"),
          keep("(child)ren$"),
          keep("([ti])a$"),
          keep("((a)naly|(b)a|(d)iagno|(p)arenthe|(p)rogno|(s)ynop|(t)he)ses$"),
          keep("(database)s$"),
          keep("(drive)s$"),
          keep("(hi|ti)ves$"),
          keep("(curve)s$"),
          keep("([lr])ves$"),
          keep("([^fo])ves$"),
          keep("([^aeiouy]|qu)ies$"),
          keep("(s)eries$"),
          keep("(m)ovies$"),
          keep("(x|ch|ss|sh)es$"),
          keep("([m|l])ice$"),
          keep("(bus)es$"),
          keep("(o)es$"),
          keep("(shoe)s$"),
          keep("(cris|ax|test)es$"),
          keep("(octop|vir)uses$"),
          keep("(alias|canvas|status|campus)es$"),
          keep("^(summons|bonus)es$"),
          keep("^(ox)en"),
          keep("(matr)ices$"),
          keep("^feet$"),
          keep("^teeth$"),
          keep("^geese$"),
          keep("(quiz)zes$"),
          keep("^(whereas)es$"),
          keep("^(criteri)a$"),
          keep("^genera$"),
          // singular to plural
          rule("^(m|wom)an$", "$1en"),
          rule("(pe)rson$", "$1ople"),
          rule("(child)$", "$1ren"),
          rule("(drive)$", "$1s"),
          rule("^(ox)$", "$1en"),
          rule("(ax|test)is$", "$1es"),
          rule("(octop|vir)us$", "$1uses"),
          rule("(alias|status|canvas|campus)$", "$1es"),
          rule("^(summons|bonus)$", "$1es"),
          rule("(bu)s$", "$1ses"),
          rule("(buffal|tomat|potat)o$", "$1oes"),
          rule("([ti])um$", "$1a"),
          rule("sis$", "ses"),
          rule("(?:([^f])fe|([lr])f)$", "$1$2ves"),
          rule("(hi|ti)ve$", "$1ves"),
          rule("([^aeiouy]|qu)y$", "$1ies"),
          rule("(matr)ix$", "$1ices"),
          rule("(vert|ind)ex$", "$1ices"),
          rule("(x|ch|ss|sh)$", "$1es"),
          rule("([m|l])ouse$", "$1ice"),
          rule("^foot$", "feet"),
          rule("^tooth$", "teeth"),
          rule("^goose$", "geese"),
          rule("(quiz)$", "$1zes"),
          rule("^(whereas)$", "$1es"),
          rule("^(criteri)on$", "$1a"),
          rule("^genus$", "genera"),
          rule("s$", "s"),
          rule("$", "s"));

  private Inflector() {}

  private static Rule keep(String regex) {
    return new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), null);
  }

  private static Rule rule(String regex, String replacement) {
    return new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), replacement);
  }

  /** LoopBack's plural of a name ({@code inflection.pluralize}); never null. */
  static String pluralize(String name) {
    requireNonNull(name, "name is null");
    if (UNCOUNTABLE.contains(name.toLowerCase(Locale.ROOT))) {
      return name;
    }
    for (Rule rule : PLURAL_RULES) {
      Matcher matcher = rule.pattern().matcher(name);
      if (matcher.find()) {
        return rule.replacement() == null ? name : replaceAll(matcher, name, rule.replacement());
      }
    }
    return name;
  }

  /** JavaScript's {@code String.replace} with a global pattern: unmatched groups are empty. */
  private static String replaceAll(Matcher matcher, String input, String replacement) {
    StringBuilder result = new StringBuilder();
    int last = 0;
    matcher.reset();
    while (matcher.find()) {
      result.append(input, last, matcher.start());
      for (int i = 0; i < replacement.length(); i++) {
        char c = replacement.charAt(i);
        if (c == '$'
            && i + 1 < replacement.length()
            && Character.isDigit(replacement.charAt(i + 1))) {
          String group = matcher.group(replacement.charAt(++i) - '0');
          result.append(group == null ? "" : group);
        } else {
          result.append(c);
        }
      }
      last = matcher.end();
      if (matcher.end() == input.length()) {
        break; // an empty match at the end ("$") matches once
      }
    }
    return result.append(input, last, input.length()).toString();
  }

  /** The name with its first letter in lower case ({@code TodoLists} → {@code todoLists}). */
  static String lowerFirst(String name) {
    return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  /** The default lb4 resource name: the plural in lower camel case. */
  static String resourceName(String modelName) {
    return lowerFirst(pluralize(modelName));
  }
}
