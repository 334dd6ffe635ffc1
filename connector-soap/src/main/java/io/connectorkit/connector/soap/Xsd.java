package io.connectorkit.connector.soap;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The XML Schema declarations of a WSDL (its {@code types} and every imported or included schema),
 * reduced to what JSON conversion needs: elements with their order and occurrence, attributes,
 * complex types (with extension and simple content) and simple types down to their built-in base.
 * Not thread-safe while being built; read-only afterwards.
 */
final class Xsd {
  static final String NS = "http://www.w3.org/2001/XMLSchema";
  static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
  static final int UNBOUNDED = Integer.MAX_VALUE;

  /**
   * An element declaration or reference; {@code type} null with {@code anonymous} null = anyType. A
   * group reference is one too, a marker without a name that {@link #particles} expands; every
   * other has a name.
   */
  record Decl(
      @Nullable QName name,
      @Nullable QName ref,
      @Nullable QName type,
      @Nullable ComplexType anonymous,
      @Nullable QName anonymousSimpleBase,
      int minOccurs,
      int maxOccurs,
      boolean nillable) {
    boolean repeated() {
      return maxOccurs > 1;
    }

    /** The name; only a group reference, which {@link #particles} expands away, has none. */
    QName elementName() {
      return requireNonNull(name, "name is null: a group reference is no element");
    }
  }

  /**
   * An attribute declaration; the name carries a namespace only when qualified. Inside a complex
   * type it may also stand for a reference to a global attribute or to an attribute group (named by
   * {@code name}), resolved when the type's attributes are asked for: the referenced declaration
   * may be in a schema read later.
   */
  record Attr(QName name, @Nullable QName type, Kind kind) {
    enum Kind {
      DECLARED,
      REF,
      GROUP
    }

    Attr(QName name, @Nullable QName type) {
      this(name, type, Kind.DECLARED);
    }
  }

  /** A complex type: particles in schema order, attributes, and an optional base to extend. */
  static final class ComplexType {
    final List<Decl> particles = new ArrayList<>();
    final List<Attr> attributes = new ArrayList<>();
    @Nullable QName base;
    @Nullable QName simpleContentBase;
    boolean any;
  }

  /**
   * The resolved type of a value: a built-in simple type, a complex type, or anything (both null).
   */
  record Type(@Nullable String builtin, @Nullable ComplexType complex) {
    static final Type ANY = new Type(null, null);

    static Type simple(String builtin) {
      return new Type(builtin, null);
    }

    boolean isSimple() {
      return builtin != null;
    }
  }

  private final Map<QName, Decl> elements = new HashMap<>();
  private final Map<QName, ComplexType> complexTypes = new HashMap<>();
  private final Map<QName, QName> simpleTypes = new HashMap<>();
  private final Map<QName, Attr> globalAttributes = new HashMap<>();
  private final Map<QName, List<Decl>> groups = new HashMap<>();
  private final Map<QName, List<Attr>> attributeGroups = new HashMap<>();

  // ---------------------------------------------------------------- reading

  /**
   * Adds the declarations of one {@code xs:schema} element.
   *
   * @param targetNamespace the namespace to use when the schema has none (chameleon include): its
   *     declarations, and its references to names in no namespace, take this one
   */
  void addSchema(Element schema, @Nullable String targetNamespace) {
    boolean chameleon =
        !schema.hasAttribute("targetNamespace")
            && targetNamespace != null
            && !targetNamespace.isEmpty();
    String tns =
        schema.hasAttribute("targetNamespace")
            ? schema.getAttribute("targetNamespace")
            : targetNamespace == null ? "" : targetNamespace;
    boolean qualified = "qualified".equals(schema.getAttribute("elementFormDefault"));
    boolean attributesQualified = "qualified".equals(schema.getAttribute("attributeFormDefault"));
    Scope scope = new Scope(tns, qualified, attributesQualified, chameleon);
    for (Element child : children(schema)) {
      QName name = new QName(tns, child.getAttribute("name"));
      switch (child.getLocalName()) {
        case "element" -> elements.put(name, scope.element(child, true));
        case "complexType" -> complexTypes.put(name, scope.complexType(child));
        case "simpleType" -> simpleTypes.put(name, scope.simpleBase(child));
        case "attribute" ->
            globalAttributes.put(name, new Attr(name, scope.attribute(child).type()));
        case "group" -> groups.put(name, scope.groupParticles(child));
        case "attributeGroup" -> attributeGroups.put(name, scope.attributeGroup(child));
        default -> {}
      }
    }
  }

  /** Resolves declarations within one schema document. */
  private static final class Scope {
    private final String tns;
    private final boolean qualified;
    private final boolean attributesQualified;
    private final boolean chameleon;

    Scope(String tns, boolean qualified, boolean attributesQualified, boolean chameleon) {
      this.tns = tns;
      this.qualified = qualified;
      this.attributesQualified = attributesQualified;
      this.chameleon = chameleon;
    }

    /** The QName an attribute names, or null without the attribute. */
    @Nullable QName qname(Element element, String attribute) {
      if (!element.hasAttribute(attribute)) {
        return null;
      }
      QName name = resolveQName(element, element.getAttribute(attribute));
      // A chameleon schema names its own components without a namespace; they are the includer's.
      return chameleon && name.getNamespaceURI().isEmpty()
          ? new QName(tns, name.getLocalPart())
          : name;
    }

    Decl element(Element element, boolean global) {
      int min = occurs(element.getAttribute("minOccurs"), 1);
      int max = occurs(element.getAttribute("maxOccurs"), 1);
      boolean nillable = "true".equals(element.getAttribute("nillable"));
      QName ref = qname(element, "ref");
      if (ref != null) {
        return new Decl(ref, ref, null, null, null, min, max, nillable);
      }
      String form = element.getAttribute("form");
      boolean isQualified = global || (form.isEmpty() ? qualified : "qualified".equals(form));
      QName name = new QName(isQualified ? tns : "", element.getAttribute("name"));
      ComplexType anonymous = null;
      QName simpleBase = null;
      for (Element child : children(element)) {
        if (child.getLocalName().equals("complexType")) {
          anonymous = complexType(child);
        } else if (child.getLocalName().equals("simpleType")) {
          simpleBase = simpleBase(child);
        }
      }
      return new Decl(
          name, null, qname(element, "type"), anonymous, simpleBase, min, max, nillable);
    }

    ComplexType complexType(Element element) {
      ComplexType type = new ComplexType();
      collect(element, type);
      return type;
    }

    private void collect(Element parent, ComplexType type) {
      for (Element child : children(parent)) {
        switch (child.getLocalName()) {
          case "sequence", "all", "choice" -> type.particles.addAll(particles(child, type));
          case "group" -> type.particles.add(groupRef(child));
          case "attribute" -> type.attributes.add(attribute(child));
          case "attributeGroup" -> {
            Attr group = attributeGroupRef(child);
            if (group != null) {
              type.attributes.add(group);
            }
          }
          case "anyAttribute" -> {}
          case "complexContent" -> collect(child, type);
          case "simpleContent" -> {
            for (Element derivation : children(child)) {
              type.simpleContentBase = qname(derivation, "base");
              collect(derivation, type);
            }
          }
          case "extension" -> {
            type.base = qname(child, "base");
            collect(child, type);
          }
          case "restriction" -> collect(child, type);
          default -> {}
        }
      }
    }

    /** The particles of a sequence, choice or all; {@code type} null in a group definition. */
    List<Decl> particles(Element group, @Nullable ComplexType type) {
      List<Decl> particles = new ArrayList<>();
      // A repeated sequence or choice repeats its elements.
      boolean repeatedGroup = occurs(group.getAttribute("maxOccurs"), 1) > 1;
      boolean optionalGroup =
          group.getLocalName().equals("choice") || occurs(group.getAttribute("minOccurs"), 1) == 0;
      for (Element child : children(group)) {
        switch (child.getLocalName()) {
          case "element" ->
              particles.add(within(element(child, false), optionalGroup, repeatedGroup));
          case "sequence", "choice", "all" -> {
            for (Decl decl : particles(child, type)) {
              particles.add(within(decl, optionalGroup, repeatedGroup));
            }
          }
          case "group" -> particles.add(within(groupRef(child), optionalGroup, repeatedGroup));
          case "any" -> {
            if (type != null) {
              type.any = true;
            }
          }
          default -> {}
        }
      }
      return particles;
    }

    /**
     * A group reference, kept as a marker particle (no name) that {@link #particles} expands: the
     * group may be declared in a schema read later.
     */
    private Decl groupRef(Element element) {
      return new Decl(
          null,
          qname(element, "ref"),
          null,
          null,
          null,
          occurs(element.getAttribute("minOccurs"), 1),
          occurs(element.getAttribute("maxOccurs"), 1),
          false);
    }

    /** An attribute group reference, or null without a {@code ref} (it refers to nothing). */
    private @Nullable Attr attributeGroupRef(Element element) {
      QName ref = qname(element, "ref");
      return ref == null ? null : new Attr(ref, null, Attr.Kind.GROUP);
    }

    List<Attr> attributeGroup(Element group) {
      List<Attr> attributes = new ArrayList<>();
      for (Element child : children(group)) {
        switch (child.getLocalName()) {
          case "attribute" -> attributes.add(attribute(child));
          case "attributeGroup" -> {
            Attr nested = attributeGroupRef(child);
            if (nested != null) {
              attributes.add(nested);
            }
          }
          default -> {}
        }
      }
      return attributes;
    }

    List<Decl> groupParticles(Element group) {
      List<Decl> particles = new ArrayList<>();
      for (Element child : children(group)) {
        particles.addAll(particles(child, null));
      }
      return particles;
    }

    Attr attribute(Element element) {
      QName ref = qname(element, "ref");
      if (ref != null) {
        return new Attr(ref, null, Attr.Kind.REF);
      }
      String form = element.getAttribute("form");
      boolean isQualified = form.isEmpty() ? attributesQualified : "qualified".equals(form);
      QName type = qname(element, "type");
      if (type == null) {
        for (Element child : children(element)) {
          if (child.getLocalName().equals("simpleType")) {
            type = simpleBase(child);
          }
        }
      }
      return new Attr(new QName(isQualified ? tns : "", element.getAttribute("name")), type);
    }

    /** The base type of a simple type; lists and unions are strings. */
    QName simpleBase(Element simpleType) {
      for (Element child : children(simpleType)) {
        if (child.getLocalName().equals("restriction")) {
          QName base = qname(child, "base");
          if (base == null) {
            for (Element nested : children(child)) {
              if (nested.getLocalName().equals("simpleType")) {
                return simpleBase(nested);
              }
            }
          }
          return base == null ? new QName(NS, "string") : base;
        }
      }
      return new QName(NS, "string");
    }
  }

  /** A particle inside an optional or repeated sequence/choice/group is optional or repeated. */
  private static Decl within(Decl decl, boolean optional, boolean repeated) {
    if (!optional && !repeated) {
      return decl;
    }
    return new Decl(
        decl.name(),
        decl.ref(),
        decl.type(),
        decl.anonymous(),
        decl.anonymousSimpleBase(),
        optional ? 0 : decl.minOccurs(),
        repeated ? UNBOUNDED : decl.maxOccurs(),
        decl.nillable());
  }

  private static int occurs(String text, int defaultValue) {
    if (text == null || text.isEmpty()) {
      return defaultValue;
    }
    if (text.equals("unbounded")) {
      return UNBOUNDED;
    }
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      return defaultValue;
    }
  }

  /** A {@code prefix:local} reference resolved against the namespaces in scope of a node. */
  static QName resolveQName(Node context, String prefixed) {
    String text = prefixed.trim();
    int colon = text.indexOf(':');
    String prefix = colon < 0 ? null : text.substring(0, colon);
    String local = colon < 0 ? text : text.substring(colon + 1);
    String namespace = context.lookupNamespaceURI(prefix);
    return new QName(namespace == null ? "" : namespace, local);
  }

  static List<Element> children(Node parent) {
    List<Element> result = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element) {
        result.add(element);
      }
    }
    return result;
  }

  // ---------------------------------------------------------------- lookups

  /** The global element of this name, or null. */
  @Nullable Decl element(QName name) {
    return elements.get(name);
  }

  /** A declaration with its {@code ref} followed (keeping the referring occurrence bounds). */
  Decl resolve(Decl decl) {
    if (decl.ref() == null || decl.name() == null) {
      return decl;
    }
    Decl target = elements.get(decl.ref());
    if (target == null) {
      return new Decl(decl.ref(), null, null, null, null, decl.minOccurs(), decl.maxOccurs(), true);
    }
    return new Decl(
        target.name(),
        null,
        target.type(),
        target.anonymous(),
        target.anonymousSimpleBase(),
        decl.minOccurs(),
        decl.maxOccurs(),
        target.nillable() || decl.nillable());
  }

  Type typeOf(Decl decl) {
    Decl resolved = resolve(decl);
    if (resolved.anonymous() != null) {
      return new Type(null, resolved.anonymous());
    }
    if (resolved.anonymousSimpleBase() != null) {
      return type(resolved.anonymousSimpleBase());
    }
    return resolved.type() == null ? Type.ANY : type(resolved.type());
  }

  /** The type of a QName: built-in, simple (followed to its built-in base) or complex. */
  Type type(QName name) {
    QName current = name;
    for (int depth = 0; current != null && depth < 32; depth++) {
      if (NS.equals(current.getNamespaceURI())) {
        String local = current.getLocalPart();
        return local.equals("anyType") ? Type.ANY : Type.simple(local);
      }
      ComplexType complex = complexTypes.get(current);
      if (complex != null) {
        return new Type(null, complex);
      }
      current = simpleTypes.get(current);
    }
    return Type.ANY;
  }

  /** The elements of a complex type in order: its base's first, group references expanded. */
  List<Decl> particles(ComplexType type) {
    List<Decl> result = new ArrayList<>();
    addParticles(type, result, 0);
    return result;
  }

  private void addParticles(ComplexType type, List<Decl> result, int depth) {
    if (depth > 32) {
      return;
    }
    if (type.base != null && !NS.equals(type.base.getNamespaceURI())) {
      ComplexType base = complexTypes.get(type.base);
      if (base != null) {
        addParticles(base, result, depth + 1);
      }
    }
    addExpanded(type.particles, result, depth);
  }

  /** Particles with group references expanded (groups may refer to groups). */
  private void addExpanded(List<Decl> particles, List<Decl> result, int depth) {
    for (Decl decl : particles) {
      if (decl.name() != null) {
        result.add(resolve(decl));
      } else if (depth < 32) {
        for (Decl member : groups.getOrDefault(decl.ref(), List.of())) {
          addExpanded(
              List.of(within(member, decl.minOccurs() == 0, decl.maxOccurs() > 1)),
              result,
              depth + 1);
        }
      }
    }
  }

  /**
   * The attributes of a complex type, its base's first, with references to global attributes and
   * attribute groups resolved.
   */
  List<Attr> attributes(ComplexType type) {
    List<Attr> result = new ArrayList<>();
    addAttributes(type, result, 0);
    return result;
  }

  private void addAttributes(ComplexType type, List<Attr> result, int depth) {
    if (depth > 32) {
      return;
    }
    if (type.base != null) {
      ComplexType base = complexTypes.get(type.base);
      if (base != null && base != type) {
        addAttributes(base, result, depth + 1);
      }
    }
    addResolved(type.attributes, result, depth);
  }

  private void addResolved(List<Attr> attributes, List<Attr> result, int depth) {
    for (Attr attr : attributes) {
      switch (attr.kind()) {
        case DECLARED -> result.add(attr);
        case REF -> {
          Attr global = globalAttributes.get(attr.name());
          result.add(new Attr(attr.name(), global == null ? null : global.type()));
        }
        case GROUP -> {
          if (depth < 32) {
            addResolved(attributeGroups.getOrDefault(attr.name(), List.of()), result, depth + 1);
          }
        }
      }
    }
  }

  /** Whether the type accepts elements beyond its declared ones ({@code xs:any}). */
  boolean acceptsAny(ComplexType type) {
    if (type.any) {
      return true;
    }
    ComplexType base = type.base == null ? null : complexTypes.get(type.base);
    return base != null && base != type && acceptsAny(base);
  }

  /** The built-in type of simple content, or null when the type has none. */
  @Nullable String simpleContent(ComplexType type) {
    if (type.simpleContentBase != null) {
      Type base = type(type.simpleContentBase);
      return base.isSimple() ? base.builtin() : simpleContentOf(base);
    }
    ComplexType base = type.base == null ? null : complexTypes.get(type.base);
    return base == null || base == type ? null : simpleContent(base);
  }

  private @Nullable String simpleContentOf(Type type) {
    return type.complex() == null ? "string" : simpleContent(type.complex());
  }
}
