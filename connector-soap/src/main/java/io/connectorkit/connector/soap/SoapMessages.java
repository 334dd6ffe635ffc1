package io.connectorkit.connector.soap;

import static java.util.Objects.requireNonNull;

import io.connectorkit.connector.soap.Wsdl.Operation;
import io.connectorkit.connector.soap.Wsdl.Part;
import io.connectorkit.connector.soap.Wsdl.SoapVersion;
import io.connectorkit.connector.soap.Xsd.Decl;
import io.connectorkit.connector.soap.Xsd.Type;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import jakarta.xml.soap.MessageFactory;
import jakarta.xml.soap.SOAPBody;
import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPHeader;
import jakarta.xml.soap.SOAPMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.namespace.QName;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The messages of one WSDL's operations: JSON input to a SOAP envelope (document/literal or RPC,
 * checked against the schema) and the body of an answer back to JSON.
 */
final class SoapMessages {
  private final SoapConfig config;
  private final Xsd schema;
  private final XmlJson conversions;

  SoapMessages(SoapConfig config, Xsd schema) {
    this.config = requireNonNull(config, "config is null");
    this.schema = requireNonNull(schema, "schema is null");
    this.conversions = new XmlJson(schema);
  }

  /** The JSON conversions of this WSDL's schema, for fault details. */
  XmlJson conversions() {
    return conversions;
  }

  SOAPMessage newMessage(Operation operation, Map<String, Object> input) {
    try {
      SOAPMessage message =
          MessageFactory.newInstance(
                  operation.version() == SoapVersion.SOAP_12
                      ? SOAPConstants.SOAP_1_2_PROTOCOL
                      : SOAPConstants.SOAP_1_1_PROTOCOL)
              .createMessage();
      SOAPHeader header = message.getSOAPHeader();
      Document part = message.getSOAPPart();
      if (config.security().scheme().equals("WS")) {
        header.appendChild(part.importNode(SoapHeaders.usernameToken(config.security()), true));
      }
      for (Element soapHeader : SoapHeaders.soapHeaders(config.soapHeaders())) {
        header.appendChild(part.importNode(soapHeader, true));
      }
      Document document = SafeXml.newDocument();
      Element holder = document.createElementNS(null, "holder");
      document.appendChild(holder);
      SOAPBody body = message.getSOAPBody();
      for (Element element : body(operation, input, holder)) {
        body.appendChild(part.importNode(element, true));
      }
      message.saveChanges();
      return message;
    } catch (SOAPException e) {
      throw new ConnectorException(
          ErrorCode.BACKEND_ERROR, "cannot build a SOAP message: " + e.getMessage(), e);
    }
  }

  /** The body elements of a request, appended to {@code holder} and returned. */
  List<Element> body(Operation operation, Map<String, Object> input, Element holder) {
    XmlJson.Namespaces namespaces = new XmlJson.Namespaces();
    String path = operation.name();
    if (operation.rpc()) {
      String namespace = operation.inputNamespace() == null ? "" : operation.inputNamespace();
      Element wrapper =
          XmlJson.create(
              holder.getOwnerDocument(), new QName(namespace, operation.name()), namespaces);
      holder.appendChild(wrapper);
      Set<String> known = new HashSet<>();
      for (Part part : operation.input()) {
        known.add(part.name());
        if (input.containsKey(part.name())) {
          conversions.append(
              wrapper,
              partDecl(schema, part),
              input.get(part.name()),
              namespaces,
              path + "." + part.name());
        }
      }
      rejectUnknown(input, known, path);
      namespaces.declareOn(wrapper);
      return List.of(wrapper);
    }
    List<Element> elements = new ArrayList<>();
    if (operation.input().size() == 1 && operation.input().get(0).element() != null) {
      Decl decl = partDecl(schema, operation.input().get(0));
      Type type = schema.typeOf(decl);
      String name = decl.elementName().getLocalPart();
      Object value = type.isSimple() && input.containsKey(name) ? input.get(name) : input;
      conversions.append(holder, decl, value, namespaces, path);
    } else {
      Set<String> known = new HashSet<>();
      for (Part part : operation.input()) {
        Decl decl = partDecl(schema, part);
        String key = decl.elementName().getLocalPart();
        known.add(key);
        if (input.containsKey(key)) {
          conversions.append(holder, decl, input.get(key), namespaces, path + "." + key);
        }
      }
      rejectUnknown(input, known, path);
    }
    for (Element element : Xsd.children(holder)) {
      namespaces.declareOn(element);
      elements.add(element);
    }
    return elements;
  }

  private static void rejectUnknown(Map<String, Object> input, Set<String> known, String path) {
    for (String key : input.keySet()) {
      if (!known.contains(key)) {
        throw XmlJson.invalid(path + "." + key, "one of the operation's parts " + known);
      }
    }
  }

  /** The declaration of a part: its global element, or an unqualified element of its type. */
  private static Decl partDecl(Xsd schema, Part part) {
    if (part.element() != null) {
      Decl decl = schema.element(part.element());
      return decl != null ? decl : new Decl(part.element(), null, null, null, null, 1, 1, true);
    }
    return new Decl(new QName("", part.name()), null, part.type(), null, null, 1, 1, true);
  }

  /** The JSON of the output elements found in {@code body}. */
  Object result(Operation operation, Node body) {
    List<Element> elements = Xsd.children(body);
    if (operation.rpc()) {
      Map<String, Object> json = new LinkedHashMap<>();
      if (elements.isEmpty()) {
        return json;
      }
      for (Element child : Xsd.children(elements.get(0))) {
        Part part =
            operation.output().stream()
                .filter(p -> p.name().equals(child.getLocalName()))
                .findFirst()
                .orElse(null);
        Type type = part == null ? Type.ANY : schema.typeOf(partDecl(schema, part));
        json.put(child.getLocalName(), conversions.toJson(child, type));
      }
      return json;
    }
    Map<String, Object> json = new LinkedHashMap<>();
    for (Element element : elements) {
      Part part =
          operation.output().stream()
              .filter(
                  p ->
                      p.element() != null
                          && p.element().getLocalPart().equals(element.getLocalName()))
              .findFirst()
              .orElse(null);
      Type type = part == null ? Type.ANY : schema.typeOf(partDecl(schema, part));
      Object value = conversions.toJson(element, type);
      if (elements.size() == 1 && value instanceof Map<?, ?> map) {
        @SuppressWarnings("unchecked")
        Map<String, Object> content = (Map<String, Object>) map;
        return content;
      }
      json.put(element.getLocalName(), value);
    }
    return json;
  }
}
