package io.connectorkit.connector.soap;

import io.connectorkit.connector.soap.Xsd.Attr;
import io.connectorkit.connector.soap.Xsd.ComplexType;
import io.connectorkit.connector.soap.Xsd.Decl;
import io.connectorkit.connector.soap.Xsd.Type;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * JSON ⇄ XML by an XSD, as LoopBack's SOAP connector does it: JSON keys are element names, emitted
 * in schema order and namespace; arrays become repeated elements; {@code $attributes} holds
 * attributes and {@code $value} the text of an element with attributes. XML becomes JSON with
 * values typed by the schema: integers as {@link Long} (or {@link BigInteger}), float and double as
 * {@link Double}, decimal as {@link BigDecimal}, booleans as {@link Boolean}, dates and the rest as
 * strings; an element the schema repeats is always an array.
 */
final class XmlJson {
  static final String ATTRIBUTES = "$attributes";
  static final String VALUE = "$value";

  private static final Set<String> INTEGERS =
      Set.of(
          "int",
          "long",
          "short",
          "byte",
          "integer",
          "nonNegativeInteger",
          "positiveInteger",
          "nonPositiveInteger",
          "negativeInteger",
          "unsignedLong",
          "unsignedInt",
          "unsignedShort",
          "unsignedByte");

  private final Xsd schema;

  XmlJson(Xsd schema) {
    this.schema = schema;
  }

  // ---------------------------------------------------------------- JSON → XML

  /** Prefixes for the namespaces of one document, declared on its root element at the end. */
  static final class Namespaces {
    private final Map<String, String> prefixes = new LinkedHashMap<>();

    String prefix(String namespace) {
      return prefixes.computeIfAbsent(namespace, ns -> "ns" + (prefixes.size() + 1));
    }

    void declareOn(Element root) {
      prefixes.forEach(
          (namespace, prefix) ->
              root.setAttributeNS(
                  XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:" + prefix, namespace));
    }
  }

  static Element create(Document document, QName name, Namespaces namespaces) {
    if (name.getNamespaceURI().isEmpty()) {
      return document.createElementNS(null, name.getLocalPart());
    }
    return document.createElementNS(
        name.getNamespaceURI(),
        namespaces.prefix(name.getNamespaceURI()) + ":" + name.getLocalPart());
  }

  /**
   * Appends the element(s) for one declaration and its JSON value to {@code parent}: none for an
   * absent value, several for an array, a nil one ({@code xsi:nil}) for null.
   *
   * @throws ConnectorException INVALID_ARGUMENT for a value the schema does not allow, naming its
   *     path
   */
  void append(Node parent, Decl decl, @Nullable Object value, Namespaces namespaces, String path) {
    Document document = parent instanceof Document doc ? doc : parent.getOwnerDocument();
    Decl resolved = schema.resolve(decl);
    if (value instanceof List<?> list) {
      if (!resolved.repeated() && list.size() != 1) {
        throw invalid(path, "a single value (the schema allows one " + localName(decl) + ")");
      }
      for (int i = 0; i < list.size(); i++) {
        appendOne(document, parent, resolved, list.get(i), namespaces, path + "[" + i + "]");
      }
    } else {
      appendOne(document, parent, resolved, value, namespaces, path);
    }
  }

  private void appendOne(
      Document document,
      Node parent,
      Decl decl,
      @Nullable Object value,
      Namespaces namespaces,
      String path) {
    Element element = create(document, decl.elementName(), namespaces);
    parent.appendChild(element);
    if (value == null) {
      element.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:xsi", Xsd.XSI);
      element.setAttributeNS(Xsd.XSI, "xsi:nil", "true");
      return;
    }
    fill(element, schema.typeOf(decl), value, namespaces, path);
  }

  /** Fills an element with the JSON value of a type. */
  void fill(
      Element element, Type type, @Nullable Object value, Namespaces namespaces, String path) {
    String builtin = type.builtin();
    if (builtin != null) {
      if (value instanceof Map<?, ?> map && map.containsKey(VALUE)) {
        setAttributes(element, null, map.get(ATTRIBUTES), namespaces, path);
        value = map.get(VALUE);
      }
      element.setTextContent(format(value, builtin, path));
      return;
    }
    if (type.complex() == null) {
      fillUntyped(element, value, namespaces, path);
      return;
    }
    ComplexType complex = type.complex();
    String simpleContent = schema.simpleContent(complex);
    if (!(value instanceof Map<?, ?> map)) {
      if (simpleContent != null) {
        element.setTextContent(format(value, simpleContent, path));
        return;
      }
      throw invalid(path, "an object, got " + describe(value));
    }
    setAttributes(element, complex, map.get(ATTRIBUTES), namespaces, path);
    if (map.containsKey(VALUE)) {
      element.setTextContent(
          format(map.get(VALUE), simpleContent == null ? "string" : simpleContent, path));
    }
    List<Decl> particles = schema.particles(complex);
    Set<String> known = new java.util.HashSet<>(Set.of(ATTRIBUTES, VALUE));
    for (Decl particle : particles) {
      String name = particle.elementName().getLocalPart();
      known.add(name);
      if (map.containsKey(name)) {
        append(element, particle, map.get(name), namespaces, path + "." + name);
      }
    }
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String key = String.valueOf(entry.getKey());
      if (known.contains(key)) {
        continue;
      }
      if (!schema.acceptsAny(complex)) {
        List<String> expected =
            particles.stream().map(p -> p.elementName().getLocalPart()).toList();
        throw invalid(path + "." + key, "one of the schema's elements " + expected);
      }
      appendUntyped(element, key, entry.getValue(), namespaces, path + "." + key);
    }
  }

  private void setAttributes(
      Element element,
      @Nullable ComplexType complex,
      @Nullable Object attributes,
      Namespaces namespaces,
      String path) {
    if (attributes == null) {
      return;
    }
    if (!(attributes instanceof Map<?, ?> map)) {
      throw invalid(path + "." + ATTRIBUTES, "an object");
    }
    List<Attr> declared = complex == null ? List.of() : schema.attributes(complex);
    map.forEach(
        (key, value) -> {
          String name = String.valueOf(key);
          Attr decl =
              declared.stream()
                  .filter(a -> a.name().getLocalPart().equals(name))
                  .findFirst()
                  .orElse(null);
          String builtin = "string";
          if (decl != null && decl.type() != null) {
            String typeBuiltin = schema.type(decl.type()).builtin();
            builtin = typeBuiltin != null ? typeBuiltin : "string";
          }
          String text = format(value, builtin, path + "." + ATTRIBUTES + "." + name);
          if (decl != null && !decl.name().getNamespaceURI().isEmpty()) {
            String namespace = decl.name().getNamespaceURI();
            element.setAttributeNS(namespace, namespaces.prefix(namespace) + ":" + name, text);
          } else {
            element.setAttributeNS(null, name, text);
          }
        });
  }

  /** An element the schema does not describe: nested objects, arrays and text, unqualified. */
  private void appendUntyped(
      Element parent, String name, @Nullable Object value, Namespaces namespaces, String path) {
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        appendUntyped(parent, name, list.get(i), namespaces, path + "[" + i + "]");
      }
      return;
    }
    Element element = parent.getOwnerDocument().createElementNS(null, name);
    parent.appendChild(element);
    fillUntyped(element, value, namespaces, path);
  }

  private void fillUntyped(
      Element element, @Nullable Object value, Namespaces namespaces, String path) {
    if (value instanceof Map<?, ?> map) {
      setAttributes(element, null, map.get(ATTRIBUTES), namespaces, path);
      map.forEach(
          (key, nested) -> {
            String name = String.valueOf(key);
            if (name.equals(VALUE)) {
              element.appendChild(
                  element.getOwnerDocument().createTextNode(format(nested, "string", path)));
            } else if (!name.equals(ATTRIBUTES)) {
              appendUntyped(element, name, nested, namespaces, path + "." + name);
            }
          });
    } else if (value != null) {
      element.setTextContent(format(value, "string", path));
    }
  }

  /** The XML text of a JSON value of a built-in type; empty for null. */
  static String format(@Nullable Object value, String builtin, String path) {
    if (value == null) {
      return "";
    }
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      throw invalid(path, "a " + builtin + " value, got " + describe(value));
    }
    if (INTEGERS.contains(builtin)) {
      try {
        BigInteger integer =
            value instanceof Number number
                ? new BigDecimal(number.toString()).toBigIntegerExact()
                : new BigInteger(value.toString().trim());
        return integer.toString();
      } catch (ArithmeticException | NumberFormatException e) {
        throw invalid(path, "an integer (" + builtin + "), got " + describe(value));
      }
    }
    switch (builtin) {
      case "double", "float", "decimal" -> {
        try {
          if (value instanceof Number number) {
            return builtin.equals("decimal")
                ? new BigDecimal(number.toString()).toPlainString()
                : number.toString();
          }
          String text = value.toString().trim();
          if (!builtin.equals("decimal") && Set.of("INF", "-INF", "NaN").contains(text)) {
            return text;
          }
          return new BigDecimal(text).toString();
        } catch (NumberFormatException e) {
          throw invalid(path, "a number (" + builtin + "), got " + describe(value));
        }
      }
      case "boolean" -> {
        if (value instanceof Boolean bool) {
          return bool.toString();
        }
        String text = value.toString().trim();
        if (Set.of("true", "false", "1", "0").contains(text)) {
          return text;
        }
        throw invalid(path, "a boolean, got " + describe(value));
      }
      case "dateTime" -> {
        if (value instanceof Date date) {
          return date.toInstant().toString();
        }
        if (value instanceof Instant
            || value instanceof OffsetDateTime
            || value instanceof ZonedDateTime) {
          return value.toString();
        }
        return value.toString();
      }
      case "date" -> {
        if (value instanceof Instant instant) {
          return instant.toString().substring(0, 10);
        }
        if (value instanceof TemporalAccessor && !(value instanceof LocalDate)) {
          return value.toString().substring(0, 10);
        }
        return value.toString();
      }
      case "base64Binary" -> {
        if (value instanceof byte[] bytes) {
          return Base64.getEncoder().encodeToString(bytes);
        }
        return value.toString();
      }
      default -> {
        return value.toString();
      }
    }
  }

  // ---------------------------------------------------------------- XML → JSON

  /** The JSON value of an element of a type; null for a nil element. */
  // Type.ANY is a constant: identity is what "no declared type" means.
  @SuppressWarnings("ReferenceEquality")
  @Nullable Object toJson(Element element, Type type) {
    if ("true".equals(element.getAttributeNS(Xsd.XSI, "nil"))) {
      return null;
    }
    String xsiType = element.getAttributeNS(Xsd.XSI, "type");
    if (!xsiType.isEmpty()) {
      Type declared = schema.type(Xsd.resolveQName(element, xsiType));
      if (declared != Type.ANY) {
        type = declared;
      }
    }
    Map<String, Object> attributes = attributes(element, type.complex());
    String builtin = type.builtin();
    if (builtin != null) {
      Object value = parse(element.getTextContent(), builtin);
      return attributes.isEmpty() ? value : withAttributes(attributes, value);
    }
    if (type.complex() == null) {
      return untyped(element, attributes);
    }
    ComplexType complex = type.complex();
    Map<String, Object> json = new LinkedHashMap<>();
    if (!attributes.isEmpty()) {
      json.put(ATTRIBUTES, attributes);
    }
    String simpleContent = schema.simpleContent(complex);
    if (simpleContent != null) {
      Object value = parse(element.getTextContent(), simpleContent);
      if (attributes.isEmpty()) {
        return value;
      }
      json.put(VALUE, value);
      return json;
    }
    Map<String, Decl> particles = new LinkedHashMap<>();
    for (Decl particle : schema.particles(complex)) {
      particles.putIfAbsent(particle.elementName().getLocalPart(), particle);
    }
    for (Element child : Xsd.children(element)) {
      String name = child.getLocalName();
      Decl decl = particles.get(name);
      Object value =
          decl == null
              ? untyped(child, attributes(child, null))
              : toJson(child, schema.typeOf(decl));
      add(json, name, value, decl != null && decl.repeated());
    }
    return json;
  }

  @SuppressWarnings("unchecked")
  private static void add(
      Map<String, Object> json, String name, @Nullable Object value, boolean array) {
    Object existing = json.get(name);
    if (existing == null && !json.containsKey(name)) {
      json.put(name, array ? arrayOf(value) : value);
    } else if (existing instanceof List<?> list && (array || list instanceof ArrayList<?>)) {
      ((List<Object>) list).add(value);
    } else {
      List<Object> list = new ArrayList<>();
      list.add(existing);
      list.add(value);
      json.put(name, list);
    }
  }

  /**
   * A one-item array that more items are added to; a nil item stays null ({@code List.of} would
   * refuse it).
   */
  private static List<@Nullable Object> arrayOf(@Nullable Object value) {
    List<@Nullable Object> array = new ArrayList<>();
    array.add(value);
    return array;
  }

  /** The JSON of an element the schema does not describe; null for a nil element. */
  private @Nullable Object untyped(Element element, Map<String, Object> attributes) {
    if ("true".equals(element.getAttributeNS(Xsd.XSI, "nil"))) {
      return null;
    }
    List<Element> children = Xsd.children(element);
    if (children.isEmpty()) {
      String text = element.getTextContent();
      return attributes.isEmpty() ? text : withAttributes(attributes, text);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    if (!attributes.isEmpty()) {
      json.put(ATTRIBUTES, attributes);
    }
    for (Element child : children) {
      add(json, child.getLocalName(), untyped(child, attributes(child, null)), false);
    }
    return json;
  }

  private static Map<String, Object> withAttributes(Map<String, Object> attributes, Object value) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put(ATTRIBUTES, attributes);
    json.put(VALUE, value);
    return json;
  }

  private Map<String, Object> attributes(Element element, @Nullable ComplexType complex) {
    Map<String, Object> result = new LinkedHashMap<>();
    NamedNodeMap attributes = element.getAttributes();
    List<Attr> declared = complex == null ? List.of() : schema.attributes(complex);
    for (int i = 0; i < attributes.getLength(); i++) {
      Node attribute = attributes.item(i);
      String namespace = attribute.getNamespaceURI();
      if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(namespace) || Xsd.XSI.equals(namespace)) {
        continue;
      }
      String name =
          attribute.getLocalName() == null ? attribute.getNodeName() : attribute.getLocalName();
      Object value = attribute.getNodeValue();
      for (Attr decl : declared) {
        if (decl.name().getLocalPart().equals(name) && decl.type() != null) {
          String builtin = schema.type(decl.type()).builtin();
          if (builtin != null) {
            value = parse(attribute.getNodeValue(), builtin);
          }
        }
      }
      result.put(name, value);
    }
    return result;
  }

  /** The JSON value of XML text of a built-in type; text that does not parse stays text. */
  static Object parse(String text, String builtin) {
    String trimmed = text.trim();
    try {
      if (INTEGERS.contains(builtin)) {
        BigInteger value = new BigInteger(trimmed);
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
      }
      switch (builtin) {
        case "double", "float" -> {
          return switch (trimmed) {
            case "INF" -> Double.POSITIVE_INFINITY;
            case "-INF" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(trimmed);
          };
        }
        case "decimal" -> {
          return new BigDecimal(trimmed);
        }
        case "boolean" -> {
          return trimmed.equals("true") || trimmed.equals("1");
        }
        case "dateTime", "date", "time", "string", "normalizedString", "token" -> {
          return builtin.equals("string") ? text : trimmed;
        }
        default -> {
          return text;
        }
      }
    } catch (NumberFormatException e) {
      return text;
    }
  }

  // ---------------------------------------------------------------- helpers

  private static String localName(Decl decl) {
    return decl.name() == null ? String.valueOf(decl.ref()) : decl.name().getLocalPart();
  }

  private static String describe(@Nullable Object value) {
    if (value instanceof Map<?, ?>) {
      return "an object";
    }
    if (value instanceof List<?>) {
      return "an array";
    }
    return "\"" + value + "\"";
  }

  static ConnectorException invalid(String path, String expected) {
    return new ConnectorException(
        ErrorCode.INVALID_ARGUMENT,
        "argument " + path + " must be " + expected,
        Map.of("path", path));
  }
}
