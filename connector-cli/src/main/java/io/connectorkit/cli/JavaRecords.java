package io.connectorkit.cli;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.model.PropertyType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Java source of a record per model, for {@code connectorkit discover --java}. Record components
 * follow the model's properties in order, typed from the property types: string → {@code String},
 * number → {@code Long} when the discovered column is integral (else {@code Double}), boolean →
 * {@code Boolean}, date → {@code Instant}, object → {@code Map<String, Object>}, array → a {@code
 * List} of the item type, buffer → {@code byte[]}, any → {@code Object}. Names that are not Java
 * identifiers are adapted; the Javadoc keeps the model's own names and the id information (an
 * {@code @Id}-style annotation belongs to the typed repositories, which do not exist yet).
 */
final class JavaRecords {
  /** Column types whose values are integers, in any SQL dialect's discovered {@code dataType}. */
  private static final Set<String> INTEGRAL_TYPES =
      Set.of(
          "tinyint",
          "smallint",
          "mediumint",
          "int",
          "integer",
          "bigint",
          "int2",
          "int4",
          "int8",
          "serial",
          "bigserial",
          "smallserial",
          "year");

  private static final Set<String> DECIMAL_TYPES = Set.of("decimal", "numeric");

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

  /** Simple type names the generated code uses; a record of one of these names is renamed. */
  private static final Set<String> USED_TYPE_NAMES =
      Set.of("String", "Long", "Double", "Boolean", "Object", "Instant", "Map", "List", "Byte");

  private JavaRecords() {}

  /** The generated source of one record. */
  record Source(String className, String text) {}

  /**
   * The record for a model.
   *
   * @param packageName the package, e.g. {@code com.example.models}; empty for the default package
   * @throws IllegalArgumentException when {@code packageName} is not a Java package name
   */
  static Source generate(ModelDefinition model, String packageName) {
    requireNonNull(model, "model is null");
    requireNonNull(packageName, "packageName is null");
    if (!isPackageName(packageName)) {
      throw new IllegalArgumentException("not a Java package name: " + packageName);
    }
    String className = className(model.name());
    Map<String, PropertyDefinition> components = new LinkedHashMap<>();
    Set<String> taken = new HashSet<>();
    for (PropertyDefinition property : model.properties().values()) {
      String name = componentName(property.name());
      String unique = name;
      for (int i = 2; !taken.add(unique.toLowerCase(Locale.ROOT)); i++) {
        unique = name + i;
      }
      components.put(unique, property);
    }

    StringBuilder out = new StringBuilder();
    if (!packageName.isEmpty()) {
      out.append("package ").append(packageName).append(";\n\n");
    }
    out.append("import java.time.Instant;\n");
    out.append("import java.util.List;\n");
    out.append("import java.util.Map;\n\n");
    out.append("/**\n");
    out.append(" * Model <code>").append(doc(model.name())).append("</code>");
    Object table = tableName(model);
    if (table != null && !table.equals(model.name())) {
      out.append(" (table <code>").append(doc(String.valueOf(table))).append("</code>)");
    }
    out.append(", as discovered by <code>connectorkit discover</code>.\n");
    List<String> ids = new ArrayList<>();
    for (PropertyDefinition id : model.idProperties()) {
      ids.add("<code>" + doc(id.name()) + "</code>" + (id.generated() ? " (generated)" : ""));
    }
    out.append(" *\n");
    out.append(
        ids.isEmpty()
            ? " * <p>No id property.\n"
            : " * <p>Id: "
                + String.join(", ", ids)
                + (ids.size() > 1 ? " (composite)" : "")
                + ".\n");
    out.append(" *\n");
    for (Map.Entry<String, PropertyDefinition> component : components.entrySet()) {
      out.append(" * @param ")
          .append(component.getKey())
          .append(' ')
          .append(describe(component.getValue()))
          .append('\n');
    }
    out.append(" */\n");
    out.append("public record ").append(className).append("(");
    List<String> declarations = new ArrayList<>();
    for (Map.Entry<String, PropertyDefinition> component : components.entrySet()) {
      declarations.add(javaType(component.getValue()) + " " + component.getKey());
    }
    if (!declarations.isEmpty()) {
      out.append("\n    ").append(String.join(",\n    ", declarations));
    }
    out.append(") {}\n");
    return new Source(className, out.toString());
  }

  private static Object tableName(ModelDefinition model) {
    for (Object section : model.settings().values()) {
      if (section instanceof Map<?, ?> map && map.get("table") != null) {
        return map.get("table");
      }
    }
    return null;
  }

  private static String describe(PropertyDefinition property) {
    StringBuilder text = new StringBuilder();
    text.append("property <code>").append(doc(property.name())).append("</code>: ");
    text.append(doc(String.valueOf(property.type().toJson())));
    if (property.idPosition() > 0) {
      text.append(", id");
      if (property.generated()) {
        text.append(", generated");
      }
    }
    if (property.required()) {
      text.append(", required");
    }
    if (property.length() != null) {
      text.append(", length ").append(property.length());
    }
    Map<?, ?> column = columnSection(property);
    if (column != null && column.get("dataType") != null) {
      text.append(" (column type <code>")
          .append(doc(String.valueOf(column.get("dataType"))))
          .append("</code>)");
    }
    return text.toString();
  }

  /** The Java type of a property's record component. */
  static String javaType(PropertyDefinition property) {
    PropertyType type = property.type();
    if (type.kind() == PropertyType.Kind.NUMBER && isIntegral(property)) {
      return "Long";
    }
    return javaType(type);
  }

  private static String javaType(PropertyType type) {
    return switch (type.kind()) {
      case STRING -> "String";
      case NUMBER -> "Double";
      case BOOLEAN -> "Boolean";
      case DATE -> "Instant";
      case OBJECT -> "Map<String, Object>";
      case BUFFER -> "byte[]";
      case ANY -> "Object";
      case ARRAY ->
          switch (type.itemType().kind()) {
            case STRING, NUMBER, BOOLEAN, DATE, OBJECT -> "List<" + javaType(type.itemType()) + ">";
            default -> "List<Object>";
          };
    };
  }

  /**
   * Whether a number property holds integers: its discovered column type is integral, or it is a
   * generated id (generated ids are integers on every connector).
   */
  private static boolean isIntegral(PropertyDefinition property) {
    Map<?, ?> column = columnSection(property);
    if (column != null && column.get("dataType") != null) {
      String dataType = String.valueOf(column.get("dataType")).toLowerCase(Locale.ROOT);
      if (INTEGRAL_TYPES.contains(dataType)) {
        return true;
      }
      if (DECIMAL_TYPES.contains(dataType)) {
        return column.get("dataScale") instanceof Number scale && scale.longValue() == 0;
      }
      return false;
    }
    return property.idPosition() > 0 && property.generated();
  }

  /** The connector section of a discovered property: the map-valued setting with a dataType. */
  private static Map<?, ?> columnSection(PropertyDefinition property) {
    for (Object value : property.settings().values()) {
      if (value instanceof Map<?, ?> map && map.containsKey("dataType")) {
        return map;
      }
    }
    return null;
  }

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
  private static String doc(String text) {
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
