package io.connectorkit.connector.soap;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The SOAP headers a request carries: the WS-Security UsernameToken (UsernameToken Profile 1.0,
 * PasswordText or PasswordDigest) and the configured {@code soapHeaders}.
 */
final class SoapHeaders {
  static final String WSSE =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
  static final String WSU =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
  static final String TOKEN_PROFILE =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0";
  private static final SecureRandom RANDOM = new SecureRandom();

  private SoapHeaders() {}

  /** A WS-Security header with a UsernameToken (PasswordText or PasswordDigest). */
  static Element usernameToken(SoapConfig.Security security) {
    Document document = SafeXml.newDocument();
    Element root = document.createElementNS(WSSE, "wsse:Security");
    root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:wsse", WSSE);
    root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:wsu", WSU);
    document.appendChild(root);
    Element token = document.createElementNS(WSSE, "wsse:UsernameToken");
    root.appendChild(token);
    Element username = document.createElementNS(WSSE, "wsse:Username");
    username.setTextContent(security.username());
    token.appendChild(username);
    Element password = document.createElementNS(WSSE, "wsse:Password");
    token.appendChild(password);
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    String created = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    if ("PasswordDigest".equals(security.passwordType())) {
      password.setAttribute("Type", TOKEN_PROFILE + "#PasswordDigest");
      // SoapConfig gives WS a password ("" by default).
      password.setTextContent(
          digest(nonce, created, requireNonNull(security.password(), "password is null")));
    } else {
      password.setAttribute("Type", TOKEN_PROFILE + "#PasswordText");
      password.setTextContent(security.password());
    }
    Element nonceElement = document.createElementNS(WSSE, "wsse:Nonce");
    nonceElement.setAttribute(
        "EncodingType",
        "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary");
    nonceElement.setTextContent(Base64.getEncoder().encodeToString(nonce));
    token.appendChild(nonceElement);
    Element createdElement = document.createElementNS(WSU, "wsu:Created");
    createdElement.setTextContent(created);
    token.appendChild(createdElement);
    return root;
  }

  /** Base64(SHA-1(nonce + created + password)), the UsernameToken Profile 1.0 digest. */
  static String digest(byte[] nonce, String created, String password) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(nonce);
      sha1.update(created.getBytes(StandardCharsets.UTF_8));
      sha1.update(password.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(sha1.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing", e);
    }
  }

  /** {@code soapHeaders}: raw XML strings or {@code {element: {name: value}, namespace}}. */
  static List<Element> soapHeaders(List<Object> configured) {
    List<Element> result = new ArrayList<>();
    for (Object header : configured) {
      if (header instanceof String text) {
        try {
          result.add(SafeXml.parse(text).getDocumentElement());
        } catch (SafeXml.XmlException e) {
          throw SoapConfig.invalid("soapHeaders", "well-formed XML: " + e.getMessage());
        }
      } else if (header instanceof Map<?, ?> map && map.get("element") instanceof Map<?, ?> el) {
        Object namespace = map.get("namespace");
        Document document = SafeXml.newDocument();
        el.forEach(
            (name, value) -> {
              Element element =
                  namespace == null
                      ? document.createElementNS(null, String.valueOf(name))
                      : document.createElementNS(namespace.toString(), String.valueOf(name));
              if (namespace != null) {
                element.setAttributeNS(
                    "http://www.w3.org/2000/xmlns/", "xmlns", namespace.toString());
              }
              if (value != null) {
                element.setTextContent(String.valueOf(value));
              }
              result.add(element);
            });
      } else {
        throw SoapConfig.invalid(
            "soapHeaders", "XML strings or {\"element\": {...}, \"namespace\"} objects");
      }
    }
    return result;
  }
}
