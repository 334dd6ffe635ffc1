package io.connectorkit.connector.soap;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.namespace.QName;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A parsed WSDL 1.1 document with its imports and schemas: the SOAP 1.1 and 1.2 ports of every
 * service and their operations, resolved down to the message parts and their XSD declarations.
 */
final class Wsdl {
  static final String WSDL_NS = "http://schemas.xmlsoap.org/wsdl/";
  static final String SOAP11_NS = "http://schemas.xmlsoap.org/wsdl/soap/";
  static final String SOAP12_NS = "http://schemas.xmlsoap.org/wsdl/soap12/";

  enum SoapVersion {
    SOAP_11,
    SOAP_12
  }

  /**
   * A message part: an element (document style) or a type (rpc style); the other is null (both when
   * the part names neither).
   */
  record Part(String name, @Nullable QName element, @Nullable QName type) {}

  /**
   * One operation of one port, everything an invocation needs. The address is empty when the port
   * gives none; a namespace is null when the binding has no {@code soap:body} for that direction.
   */
  record Operation(
      String service,
      String port,
      String name,
      SoapVersion version,
      boolean rpc,
      String soapAction,
      String address,
      @Nullable String inputNamespace,
      @Nullable String outputNamespace,
      List<Part> input,
      List<Part> output) {}

  /**
   * Loads a document by absolute URI; implementations enforce which locations may be read. The
   * referrer is the document that refers to it, null for the WSDL itself.
   */
  interface Loader {
    Document load(URI location, @Nullable URI referrer);
  }

  private final Xsd schema;
  private final List<Operation> operations;

  private Wsdl(Xsd schema, List<Operation> operations) {
    this.schema = schema;
    this.operations = List.copyOf(operations);
  }

  Xsd schema() {
    return schema;
  }

  /** Every operation of every SOAP port, in document order (services, ports, operations). */
  List<Operation> operations() {
    return operations;
  }

  /**
   * Reads a WSDL and everything it imports or includes.
   *
   * @throws IllegalArgumentException when the WSDL is not a usable WSDL 1.1 document
   */
  static Wsdl read(URI location, Loader loader) {
    requireNonNull(location, "location is null");
    return new Reader(loader).read(location);
  }

  private static final class Reader {
    private final Loader loader;
    private final Xsd schema = new Xsd();
    private final Map<QName, Element> messages = new HashMap<>();
    private final Map<QName, Element> portTypes = new HashMap<>();
    private final Map<QName, Element> bindings = new HashMap<>();
    private final List<Element> services = new ArrayList<>();

    /**
     * Every document fetched, by location: each is fetched once however often it is referred to.
     */
    private final Map<URI, Document> documents = new HashMap<>();

    /** WSDL documents read. */
    private final Set<URI> definitionsRead = new HashSet<>();

    /**
     * Schema documents read, by location and target namespace: a chameleon schema (no target
     * namespace) included from two namespaces is read once into each.
     */
    private final Set<SchemaRead> schemasRead = new HashSet<>();

    private record SchemaRead(URI location, String namespace) {}

    Reader(Loader loader) {
      this.loader = loader;
    }

    Wsdl read(URI root) {
      Element definitions = document(root, null);
      if (!WSDL_NS.equals(definitions.getNamespaceURI())
          || !"definitions".equals(definitions.getLocalName())) {
        throw new IllegalArgumentException(
            "not a WSDL 1.1 document (root element "
                + new QName(definitions.getNamespaceURI(), definitions.getLocalName())
                + ")");
      }
      definitionsRead.add(root);
      readDefinitions(root, definitions);
      List<Operation> operations = new ArrayList<>();
      for (Element service : services) {
        for (Element port : Xsd.children(service)) {
          if (port.getLocalName().equals("port") && WSDL_NS.equals(port.getNamespaceURI())) {
            readPort(service.getAttribute("name"), port, operations);
          }
        }
      }
      return new Wsdl(schema, operations);
    }

    private void readDefinitions(URI base, Element definitions) {
      String tns = definitions.getAttribute("targetNamespace");
      for (Element child : Xsd.children(definitions)) {
        if (!WSDL_NS.equals(child.getNamespaceURI())) {
          continue;
        }
        QName name = new QName(tns, child.getAttribute("name"));
        switch (child.getLocalName()) {
          case "import" -> {
            String location = child.getAttribute("location");
            if (!location.isEmpty()) {
              URI uri = base.resolve(location.trim());
              Element imported = document(uri, base);
              if ("schema".equals(imported.getLocalName())) {
                readSchemaDocument(uri, base, null);
              } else if (definitionsRead.add(uri)) {
                readDefinitions(uri, imported);
              }
            }
          }
          case "types" -> {
            for (Element schemaElement : Xsd.children(child)) {
              if ("schema".equals(schemaElement.getLocalName())
                  && Xsd.NS.equals(schemaElement.getNamespaceURI())) {
                readSchema(base, schemaElement, null);
              }
            }
          }
          case "message" -> messages.put(name, child);
          case "portType" -> portTypes.put(name, child);
          case "binding" -> bindings.put(name, child);
          case "service" -> services.add(child);
          default -> {}
        }
      }
    }

    private Element document(URI location, @Nullable URI referrer) {
      Document document = documents.get(location);
      if (document == null) {
        document = loader.load(location, referrer);
        documents.put(location, document);
      }
      return document.getDocumentElement();
    }

    /**
     * A schema document by location, unless already read into the namespace it would have now.
     *
     * @param includingNamespace the includer's target namespace (include, redefine), or null
     */
    private void readSchemaDocument(
        URI location, URI referrer, @Nullable String includingNamespace) {
      Element root = document(location, referrer);
      if (!"schema".equals(root.getLocalName()) || !Xsd.NS.equals(root.getNamespaceURI())) {
        throw new IllegalArgumentException(location + " is not an XML Schema document");
      }
      String namespace =
          root.hasAttribute("targetNamespace")
              ? root.getAttribute("targetNamespace")
              : includingNamespace == null ? "" : includingNamespace;
      if (schemasRead.add(new SchemaRead(location, namespace))) {
        readSchema(location, root, includingNamespace);
      }
    }

    /** A schema, then what it imports and includes (each document once per namespace). */
    private void readSchema(URI base, Element schemaElement, @Nullable String chameleonNamespace) {
      schema.addSchema(schemaElement, chameleonNamespace);
      String tns =
          schemaElement.hasAttribute("targetNamespace")
              ? schemaElement.getAttribute("targetNamespace")
              : chameleonNamespace;
      for (Element reference : Xsd.children(schemaElement)) {
        String kind = reference.getLocalName();
        if (!Xsd.NS.equals(reference.getNamespaceURI())
            || !(kind.equals("import") || kind.equals("include") || kind.equals("redefine"))) {
          continue;
        }
        String location = reference.getAttribute("schemaLocation");
        if (location.isEmpty()) {
          continue; // an import of a namespace declared elsewhere in this WSDL
        }
        readSchemaDocument(base.resolve(location.trim()), base, kind.equals("import") ? null : tns);
      }
    }

    private void readPort(String serviceName, Element port, List<Operation> operations) {
      SoapVersion version = null;
      String address = ""; // a SOAP port's address is found with its version
      for (Element extension : Xsd.children(port)) {
        if ("address".equals(extension.getLocalName())) {
          if (SOAP11_NS.equals(extension.getNamespaceURI())) {
            version = SoapVersion.SOAP_11;
          } else if (SOAP12_NS.equals(extension.getNamespaceURI())) {
            version = SoapVersion.SOAP_12;
          }
          address = extension.getAttribute("location");
        }
      }
      if (version == null) {
        return; // an HTTP GET/POST port: not SOAP
      }
      QName bindingName = Xsd.resolveQName(port, port.getAttribute("binding"));
      Element binding = bindings.get(bindingName);
      if (binding == null) {
        throw new IllegalArgumentException(
            "port " + port.getAttribute("name") + " names an unknown binding " + bindingName);
      }
      String bindingNs = version == SoapVersion.SOAP_11 ? SOAP11_NS : SOAP12_NS;
      String defaultStyle = "document";
      for (Element extension : Xsd.children(binding)) {
        if (bindingNs.equals(extension.getNamespaceURI())
            && "binding".equals(extension.getLocalName())
            && extension.hasAttribute("style")) {
          defaultStyle = extension.getAttribute("style");
        }
      }
      QName portTypeName = Xsd.resolveQName(binding, binding.getAttribute("type"));
      Element portType = portTypes.get(portTypeName);
      if (portType == null) {
        throw new IllegalArgumentException(
            "binding " + bindingName.getLocalPart() + " names an unknown portType " + portTypeName);
      }
      Map<String, Element> abstractOperations = new LinkedHashMap<>();
      for (Element operation : Xsd.children(portType)) {
        if ("operation".equals(operation.getLocalName())) {
          abstractOperations.put(operation.getAttribute("name"), operation);
        }
      }
      for (Element operation : Xsd.children(binding)) {
        if (!"operation".equals(operation.getLocalName())
            || !WSDL_NS.equals(operation.getNamespaceURI())) {
          continue;
        }
        String name = operation.getAttribute("name");
        Element abstractOperation = abstractOperations.get(name);
        if (abstractOperation == null) {
          throw new IllegalArgumentException(
              "binding operation " + name + " is not in portType " + portTypeName);
        }
        String style = defaultStyle;
        String soapAction = "";
        String inputNamespace = null;
        String outputNamespace = null;
        List<String> inputBodyParts = null;
        List<String> outputBodyParts = null;
        for (Element child : Xsd.children(operation)) {
          if (bindingNs.equals(child.getNamespaceURI())
              && "operation".equals(child.getLocalName())) {
            if (child.hasAttribute("style")) {
              style = child.getAttribute("style");
            }
            soapAction = child.getAttribute("soapAction");
          } else if ("input".equals(child.getLocalName())) {
            Element body = soapBody(child, bindingNs);
            inputNamespace = body == null ? null : body.getAttribute("namespace");
            inputBodyParts = bodyParts(body);
          } else if ("output".equals(child.getLocalName())) {
            Element body = soapBody(child, bindingNs);
            outputNamespace = body == null ? null : body.getAttribute("namespace");
            outputBodyParts = bodyParts(body);
          }
        }
        operations.add(
            new Operation(
                serviceName,
                port.getAttribute("name"),
                name,
                version,
                "rpc".equals(style),
                soapAction,
                address,
                inputNamespace,
                outputNamespace,
                parts(abstractOperation, "input", inputBodyParts),
                parts(abstractOperation, "output", outputBodyParts)));
      }
    }

    private static @Nullable Element soapBody(Element bindingMessage, String bindingNs) {
      for (Element child : Xsd.children(bindingMessage)) {
        if (bindingNs.equals(child.getNamespaceURI()) && "body".equals(child.getLocalName())) {
          return child;
        }
      }
      return null;
    }

    /** The parts the body holds, or null when it does not restrict them (all parts). */
    private static @Nullable List<String> bodyParts(@Nullable Element body) {
      if (body == null || !body.hasAttribute("parts")) {
        return null;
      }
      return List.of(body.getAttribute("parts").trim().split("\\s+"));
    }

    private List<Part> parts(
        Element abstractOperation, String direction, @Nullable List<String> only) {
      for (Element child : Xsd.children(abstractOperation)) {
        if (!direction.equals(child.getLocalName())) {
          continue;
        }
        QName messageName = Xsd.resolveQName(child, child.getAttribute("message"));
        Element message = messages.get(messageName);
        if (message == null) {
          throw new IllegalArgumentException(
              "operation "
                  + abstractOperation.getAttribute("name")
                  + " names an unknown message "
                  + messageName);
        }
        List<Part> parts = new ArrayList<>();
        for (Element part : Xsd.children(message)) {
          if (!"part".equals(part.getLocalName())) {
            continue;
          }
          String name = part.getAttribute("name");
          if (only != null && !only.contains(name)) {
            continue; // e.g. a part bound to a SOAP header
          }
          parts.add(
              new Part(
                  name,
                  part.hasAttribute("element")
                      ? Xsd.resolveQName(part, part.getAttribute("element"))
                      : null,
                  part.hasAttribute("type")
                      ? Xsd.resolveQName(part, part.getAttribute("type"))
                      : null));
        }
        return parts;
      }
      return List.of(); // a one-way operation has no output
    }
  }
}
