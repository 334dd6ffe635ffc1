package io.connectorkit.codegen;

import static java.util.Objects.requireNonNull;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.connectorkit.core.annotation.BelongsTo;
import io.connectorkit.core.annotation.HasMany;
import io.connectorkit.core.annotation.HasOne;
import io.connectorkit.core.annotation.Id;
import io.connectorkit.core.annotation.Model;
import io.connectorkit.core.annotation.Property;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.ModelNames;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.model.PropertyType;
import io.connectorkit.core.model.RelationDefinition;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Java records for a model set, one per model (views included), for the typed repositories ({@code
 * db.repository(Order.class, "Order")}). Generated with JavaPoet, so imports are exactly the types
 * used. Component types come from the property type and the discovered column: integral numbers
 * {@code Long}, decimals with a scale {@code BigDecimal}, other numbers {@code Double}; date-only
 * columns {@code LocalDate}, other dates {@code Instant}; time columns {@code LocalTime}; UUID
 * columns {@code UUID}; an enum column whose values are Java identifiers a nested Java enum; arrays
 * {@code List}; objects {@code Map<String, Object>}; buffers {@code byte[]}. Relations to models of
 * the set become components annotated {@code @BelongsTo}, {@code @HasOne} or {@code @HasMany}.
 */
public final class RecordGenerator {
  private static final Set<String> INTEGRAL =
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
  private static final Set<String> DECIMAL = Set.of("decimal", "numeric");

  private RecordGenerator() {}

  /** The source of one generated type. */
  public record Source(String qualifiedName, String text) {
    /**
     * @throws NullPointerException for a null argument
     */
    public Source {
      requireNonNull(qualifiedName, "qualifiedName is null");
      requireNonNull(text, "text is null");
    }
  }

  /**
   * A record source per model, in the order given.
   *
   * @param models never null
   * @param packageName a Java package name; empty for the default package
   * @throws IllegalArgumentException when {@code packageName} is not a package name
   * @throws NullPointerException for a null argument
   */
  public static List<Source> generate(List<ModelDefinition> models, String packageName) {
    requireNonNull(models, "models is null");
    requireNonNull(packageName, "packageName is null");
    if (!JavaNames.isPackageName(packageName)) {
      throw new IllegalArgumentException("not a Java package name: " + packageName);
    }
    Map<String, ClassName> classes = new LinkedHashMap<>();
    Set<String> taken = new HashSet<>();
    for (ModelDefinition model : models) {
      String name = JavaNames.className(model.name());
      String unique = name;
      for (int i = 2; !taken.add(unique.toLowerCase(Locale.ROOT)); i++) {
        unique = name + i;
      }
      classes.put(model.name(), ClassName.get(packageName, unique));
    }
    List<Source> sources = new ArrayList<>();
    for (ModelDefinition model : models) {
      TypeSpec record = record(model, classes);
      JavaFile file = JavaFile.builder(packageName, record).skipJavaLangImports(true).build();
      ClassName name = requireNonNull(classes.get(model.name()), "class name is null");
      sources.add(new Source(name.canonicalName(), file.toString()));
    }
    return sources;
  }

  /**
   * Writes {@link #generate} into {@code directory}/{@code <package path>}/{@code <Record>.java}.
   *
   * @return the files written
   * @throws IOException when a file cannot be written
   */
  public static List<Path> write(List<ModelDefinition> models, String packageName, Path directory)
      throws IOException {
    requireNonNull(directory, "directory is null");
    List<Path> written = new ArrayList<>();
    for (Source source : generate(models, packageName)) {
      Path file = directory.resolve(source.qualifiedName().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.text());
      written.add(file);
    }
    return written;
  }

  /** Whether the text is a Java package name (empty: the default package). */
  public static boolean isPackageName(String packageName) {
    return JavaNames.isPackageName(requireNonNull(packageName, "packageName is null"));
  }

  private static TypeSpec record(ModelDefinition model, Map<String, ClassName> classes) {
    ClassName self = requireNonNull(classes.get(model.name()), "class name is null");
    TypeSpec.Builder type =
        TypeSpec.recordBuilder(self)
            .addModifiers(javax.lang.model.element.Modifier.PUBLIC)
            .addAnnotation(
                AnnotationSpec.builder(Model.class)
                    .addMember("name", "$S", model.name())
                    .addMember("strict", "$L", model.strict())
                    .build());
    CodeBlock.Builder doc = CodeBlock.builder();
    doc.add("Model <code>$L</code>", JavaNames.doc(model.name()));
    Map<String, Object> section = tableSection(model);
    if (section.get("table") != null) {
      doc.add(
          Boolean.TRUE.equals(section.get("view"))
              ? " (view <code>$L</code>"
              : " (table <code>$L</code>",
          JavaNames.doc(String.valueOf(section.get("table"))));
      if (section.get("schema") != null) {
        doc.add(" in <code>$L</code>", JavaNames.doc(String.valueOf(section.get("schema"))));
      }
      doc.add(")");
    }
    doc.add(", as discovered by <code>connectorkit discover</code>.\n");
    if (Boolean.TRUE.equals(section.get("view"))) {
      doc.add(
          "\n<p>A view: the database decides whether it accepts writes; one it cannot update"
              + " fails with <code>BACKEND_ERROR</code>.\n");
    }
    doc.add("\n");

    MethodSpec.Builder constructor = MethodSpec.constructorBuilder();
    Set<String> names = new HashSet<>();
    Set<String> nestedNames = new HashSet<>();
    nestedNames.add(self.simpleName());
    for (PropertyDefinition property : model.properties().values()) {
      String name = unique(JavaNames.componentName(property.name()), names);
      TypeName javaType = javaType(property);
      List<Object> values = enumValues(property);
      if (values != null) {
        String enumName =
            unique(JavaNames.className(ModelNames.pascal(property.name())), nestedNames);
        TypeSpec.Builder enumType =
            TypeSpec.enumBuilder(enumName)
                .addModifiers(javax.lang.model.element.Modifier.PUBLIC)
                .addJavadoc("The values of <code>$L</code>.\n", JavaNames.doc(property.name()));
        values.forEach(value -> enumType.addEnumConstant(String.valueOf(value)));
        type.addType(enumType.build());
        javaType = self.nestedClass(enumName);
      }
      ParameterSpec.Builder parameter = ParameterSpec.builder(javaType, name);
      if (property.isId()) {
        AnnotationSpec.Builder id = AnnotationSpec.builder(Id.class);
        if (!property.generated()) {
          id.addMember("generated", "false");
        }
        parameter.addAnnotation(id.build());
      }
      if (!name.equals(property.name()) || property.required()) {
        AnnotationSpec.Builder annotation = AnnotationSpec.builder(Property.class);
        if (!name.equals(property.name())) {
          annotation.addMember("name", "$S", property.name());
        }
        if (property.required()) {
          annotation.addMember("required", "true");
        }
        parameter.addAnnotation(annotation.build());
      }
      constructor.addParameter(parameter.build());
      doc.add("@param $L $L\n", name, describe(property));
    }
    for (RelationDefinition relation : model.relations().values()) {
      ClassName target = classes.get(relation.model());
      if (target == null) {
        continue; // the related model is not in this set
      }
      String name = unique(JavaNames.componentName(relation.name()), names);
      boolean many =
          relation.type() == RelationDefinition.Type.HAS_MANY
              || relation.type() == RelationDefinition.Type.HAS_MANY_THROUGH;
      AnnotationSpec.Builder annotation =
          AnnotationSpec.builder(
              switch (relation.type()) {
                case BELONGS_TO -> BelongsTo.class;
                case HAS_ONE -> HasOne.class;
                default -> HasMany.class;
              });
      annotation.addMember("model", "$S", relation.model());
      if (relation.foreignKey() != null) {
        annotation.addMember("foreignKey", "$S", relation.foreignKey());
      }
      if (relation.through() != null) {
        annotation.addMember("through", "$S", relation.through());
        if (relation.keyThrough() != null) {
          annotation.addMember("keyThrough", "$S", relation.keyThrough());
        }
      }
      TypeName javaType =
          many ? ParameterizedTypeName.get(ClassName.get(List.class), target) : target;
      constructor.addParameter(
          ParameterSpec.builder(javaType, name).addAnnotation(annotation.build()).build());
      doc.add(
          "@param $L relation <code>$L</code>: $L <code>$L</code>, filled when a query includes it\n",
          name,
          JavaNames.doc(relation.name()),
          relation.type().jsonName(),
          JavaNames.doc(relation.model()));
    }
    return type.recordConstructor(constructor.build()).addJavadoc(doc.build()).build();
  }

  private static String unique(String name, Set<String> taken) {
    String unique = name;
    for (int i = 2; !taken.add(unique.toLowerCase(Locale.ROOT)); i++) {
      unique = name + i;
    }
    return unique;
  }

  private static String describe(PropertyDefinition property) {
    StringBuilder text = new StringBuilder();
    text.append("property <code>").append(JavaNames.doc(property.name())).append("</code>: ");
    text.append(JavaNames.doc(String.valueOf(property.type().toJson())));
    if (property.isId()) {
      text.append(property.generated() ? ", id, generated" : ", id");
    }
    if (property.required()) {
      text.append(", required");
    }
    Map<String, Object> column = columnSection(property);
    Object columnType = column.getOrDefault("columnType", column.get("dataType"));
    if (columnType != null) {
      text.append(" (column ");
      if (column.get("columnName") != null) {
        text.append("<code>")
            .append(JavaNames.doc(String.valueOf(column.get("columnName"))))
            .append("</code> ");
      }
      text.append("<code>").append(JavaNames.doc(String.valueOf(columnType))).append("</code>)");
    }
    return text.toString();
  }

  /** The Java type of a property's component. */
  static TypeName javaType(PropertyDefinition property) {
    Map<String, Object> column = columnSection(property);
    String dataType = String.valueOf(column.get("dataType")).toLowerCase(Locale.ROOT);
    PropertyType type = property.type();
    return switch (type.kind()) {
      case NUMBER -> {
        if (INTEGRAL.contains(dataType)
            || (!column.containsKey("dataType") && property.isId() && property.generated())) {
          yield ClassName.get(Long.class);
        }
        if (DECIMAL.contains(dataType)) {
          boolean integral =
              column.get("dataScale") instanceof Number scale && scale.longValue() == 0;
          boolean wide = column.get("dataPrecision") instanceof Number p && p.longValue() > 18;
          yield integral && !wide
              ? ClassName.get(Long.class)
              : integral ? ClassName.get(BigInteger.class) : ClassName.get(BigDecimal.class);
        }
        yield ClassName.get(Double.class);
      }
      case STRING -> {
        if (dataType.equals("uuid")) {
          yield ClassName.get(UUID.class);
        }
        if (dataType.startsWith("time") && !dataType.startsWith("timestamp")) {
          yield ClassName.get(LocalTime.class);
        }
        yield ClassName.get(String.class);
      }
      case DATE ->
          dataType.equals("date") ? ClassName.get(LocalDate.class) : ClassName.get(Instant.class);
      case ARRAY -> ParameterizedTypeName.get(ClassName.get(List.class), itemType(items(type)));
      default -> scalar(type);
    };
  }

  private static TypeName itemType(PropertyType item) {
    return switch (item.kind()) {
      case NUMBER -> ClassName.get(Double.class);
      case ARRAY -> ParameterizedTypeName.get(ClassName.get(List.class), itemType(items(item)));
      case BUFFER, ANY -> ClassName.OBJECT;
      default -> scalar(item);
    };
  }

  private static TypeName scalar(PropertyType type) {
    return switch (type.kind()) {
      case STRING -> ClassName.get(String.class);
      case NUMBER -> ClassName.get(Double.class);
      case BOOLEAN -> ClassName.get(Boolean.class);
      case DATE -> ClassName.get(Instant.class);
      case OBJECT ->
          ParameterizedTypeName.get(
              ClassName.get(Map.class), ClassName.get(String.class), ClassName.OBJECT);
      case BUFFER -> ArrayTypeName.of(TypeName.BYTE);
      case ARRAY -> ParameterizedTypeName.get(ClassName.get(List.class), itemType(items(type)));
      case ANY -> ClassName.OBJECT;
    };
  }

  /** The item type of an array type, which always has one. */
  private static PropertyType items(PropertyType array) {
    return requireNonNull(array.itemType(), "itemType is null");
  }

  /**
   * The enum values of a string property when every one can name a Java enum constant; null
   * otherwise.
   */
  private static @Nullable List<Object> enumValues(PropertyDefinition property) {
    if (property.type().kind() != PropertyType.Kind.STRING
        || !(property.settings().get("enum") instanceof List<?> values)
        || values.isEmpty()) {
      return null;
    }
    Set<String> seen = new HashSet<>();
    for (Object value : values) {
      String text = String.valueOf(value);
      if (!JavaNames.componentName(text).equals(text) || !seen.add(text)) {
        return null; // "it's" or "2x" cannot be a constant: the component stays a String
      }
    }
    return new ArrayList<>(values);
  }

  /** The connector section of a discovered property: the map-valued setting with a dataType. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> columnSection(PropertyDefinition property) {
    for (Object value : property.settings().values()) {
      if (value instanceof Map<?, ?> map && map.containsKey("dataType")) {
        return (Map<String, Object>) map;
      }
    }
    return Map.of();
  }

  /** The connector section of a discovered model: the map-valued setting with a table. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> tableSection(ModelDefinition model) {
    for (Object value : model.settings().values()) {
      if (value instanceof Map<?, ?> map && map.containsKey("table")) {
        return (Map<String, Object>) map;
      }
    }
    return Map.of();
  }
}
