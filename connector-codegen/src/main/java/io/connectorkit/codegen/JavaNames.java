package io.connectorkit.codegen;

import java.util.Locale;
import java.util.Set;

/** Java names for models and properties, and Javadoc-safe text. */
final class JavaNames {
  /** Keywords, literals and contextual words that cannot (or should not) name a component. */
  private static final Set<String> RESERVED =
      Set.of(
          "abstract",
          "assert",
          "boolean",
          "break",
          "byte",
          "case",
          "catch",
          "char",
          "class",
          "const",
          "continue",
          "default",
          "do",
          "double",
          "else",
          "enum",
          "extends",
          "final",
          "finally",
          "float",
          "for",
          "goto",
          "if",
          "implements",
          "import",
          "instanceof",
          "int",
          "interface",
          "long",
          "native",
          "new",
          "package",
          "private",
          "protected",
          "public",
          "return",
          "short",
          "static",
          "strictfp",
          "super",
          "switch",
          "synchronized",
          "this",
          "throw",
          "throws",
          "transient",
          "try",
          "void",
          "volatile",
          "while",
          "true",
          "false",
          "null",
          "_",
          "var",
          "yield",
          "record",
          "sealed",
          "permits",
          "non-sealed",
          "when",
          "module",
          "open",
          "exports",
          "requires");

  /** Object's no-argument methods: a record component of that name does not compile. */
  private static final Set<String> OBJECT_METHODS =
      Set.of(
          "clone", "finalize", "getClass", "hashCode", "notify", "notifyAll", "toString", "wait");

  /** Simple type names generated code may import; a record of one of these names is renamed. */
  private static final Set<String> USED_TYPE_NAMES =
      Set.of(
          "String",
          "Long",
          "Double",
          "Boolean",
          "Object",
          "Instant",
          "Map",
          "List",
          "Byte",
          "BigDecimal",
          "BigInteger",
          "LocalDate",
          "LocalTime",
          "UUID",
          "Id",
          "Property",
          "BelongsTo",
          "HasMany",
          "HasOne",
          "Model",
          "Override",
          "Record",
          "Enum");

  private JavaNames() {}

  /**
   * A record name from a model name: words (runs of letters and digits) capitalised and joined, so
   * {@code order_items} becomes {@code OrderItems}; names that would clash are suffixed.
   */
  static String className(String modelName) {
    StringBuilder name = new StringBuilder();
    boolean upper = true;
    for (int i = 0; i < modelName.length(); ) {
      int c = modelName.codePointAt(i);
      i += Character.charCount(c);
      if (Character.isLetterOrDigit(c)
          && Character.isJavaIdentifierPart(c)
          && !Character.isIdentifierIgnorable(c)) {
        name.appendCodePoint(upper ? Character.toUpperCase(c) : c);
        upper = false;
      } else {
        upper = true;
      }
    }
    if (name.isEmpty() || !Character.isJavaIdentifierStart(name.codePointAt(0))) {
      name.insert(0, "Model");
    }
    String result = name.toString();
    return USED_TYPE_NAMES.contains(result) || RESERVED.contains(result)
        ? result + "Model"
        : result;
  }

  /** A component name from a property name: itself when it is a usable Java identifier. */
  static String componentName(String propertyName) {
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < propertyName.length(); ) {
      int c = propertyName.codePointAt(i);
      i += Character.charCount(c);
      // '$' is legal but reserved for generated code by convention; identifier-ignorable
      // characters (U+0000..U+0008, …) would be dropped by javac, merging names.
      boolean usable =
          Character.isJavaIdentifierPart(c) && !Character.isIdentifierIgnorable(c) && c != '$';
      name.appendCodePoint(usable ? c : '_');
    }
    if (name.isEmpty() || !Character.isJavaIdentifierStart(name.codePointAt(0))) {
      name.insert(0, '_');
    }
    String result = name.toString();
    return RESERVED.contains(result) || OBJECT_METHODS.contains(result) ? result + "_" : result;
  }

  /** Whether the text is a package name (empty: the default package). */
  static boolean isPackageName(String packageName) {
    if (packageName.isEmpty()) {
      return true;
    }
    for (String part : packageName.split("\\.", -1)) {
      if (part.isEmpty()
          || RESERVED.contains(part)
          || !Character.isJavaIdentifierStart(part.codePointAt(0))
          || !part.codePoints().allMatch(Character::isJavaIdentifierPart)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Text safe inside a Javadoc comment: HTML-escaped, no comment end, no at-sign tags, and no
   * backslash (javac reads {@code \}{@code u} escapes even inside comments).
   */
  static String doc(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '@' -> out.append("&#64;");
        case '/' -> out.append("&#47;");
        case '*' -> out.append("&#42;");
        case '\\' -> out.append("&#92;");
        case '{' -> out.append("&#123;");
        case '}' -> out.append("&#125;");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            // doclint rejects entities of control characters; name them instead.
            out.append(String.format(Locale.ROOT, "U+%04X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
