package io.connectorkit.connector.soap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * A hardened XML parser for everything this connector reads from outside: WSDLs, XSDs, raw SOAP
 * headers and {@code xmlToJson} input. A document with a DOCTYPE is refused outright, so neither
 * external entities (XXE) nor entity expansion (billion laughs) can happen, and no resolver ever
 * opens a local file or URL on the parser's behalf.
 */
final class SafeXml {
  private SafeXml() {}

  /** Thrown for a document that is not well-formed or is refused by the hardening. */
  static final class XmlException extends Exception {
    private static final long serialVersionUID = 1L;

    /** {@code message} is the parser's, which may have none. */
    XmlException(@Nullable String message, Throwable cause) {
      super(message, cause);
    }
  }

  static DocumentBuilder newBuilder() {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    try {
      // The decisive one: any DOCTYPE is a fatal error, so no entity is ever declared.
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    } catch (ParserConfigurationException | IllegalArgumentException e) {
      throw new IllegalStateException("the JDK's XML parser cannot be hardened", e);
    }
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    try {
      DocumentBuilder builder = factory.newDocumentBuilder();
      // Belt and braces: should anything still try to resolve an entity, it gets nothing.
      builder.setEntityResolver(
          (publicId, systemId) -> {
            throw new SAXException("external entity " + systemId + " refused");
          });
      builder.setErrorHandler(null);
      return builder;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("cannot create an XML parser", e);
    }
  }

  /** Parses a document; DOCTYPEs and entities are refused. */
  static Document parse(byte[] bytes) throws XmlException {
    try {
      return newBuilder().parse(new ByteArrayInputStream(bytes));
    } catch (SAXException | IOException e) {
      throw new XmlException(e.getMessage(), e);
    }
  }

  static Document parse(String text) throws XmlException {
    try {
      return newBuilder().parse(new InputSource(new java.io.StringReader(text)));
    } catch (SAXException | IOException e) {
      throw new XmlException(e.getMessage(), e);
    }
  }

  static Document newDocument() {
    return newBuilder().newDocument();
  }

  /** A node as XML text without the XML declaration. */
  static String write(Node node) {
    try {
      TransformerFactory factory = TransformerFactory.newInstance();
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
      Transformer transformer = factory.newTransformer();
      transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      StringWriter out = new StringWriter();
      transformer.transform(new DOMSource(node), new StreamResult(out));
      return out.toString();
    } catch (TransformerException e) {
      throw new IllegalStateException("cannot serialize XML", e);
    }
  }
}
