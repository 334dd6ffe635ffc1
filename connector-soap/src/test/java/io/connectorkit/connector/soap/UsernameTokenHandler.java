package io.connectorkit.connector.soap;

import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPFactory;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.soap.SOAPHeader;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.handler.soap.SOAPHandler;
import jakarta.xml.ws.handler.soap.SOAPMessageContext;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javax.xml.namespace.QName;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The server side of WS-Security UsernameToken: PasswordText or PasswordDigest. */
public class UsernameTokenHandler implements SOAPHandler<SOAPMessageContext> {
  static final AtomicReference<String> LAST_USER = new AtomicReference<>();
  private static final QName SECURITY = new QName(SoapHeaders.WSSE, "Security");
  private final String username;
  private final String password;

  UsernameTokenHandler(String username, String password) {
    this.username = username;
    this.password = password;
  }

  @Override
  public Set<QName> getHeaders() {
    return Set.of(SECURITY);
  }

  @Override
  public boolean handleMessage(SOAPMessageContext context) {
    if (Boolean.TRUE.equals(context.get(MessageContext.MESSAGE_OUTBOUND_PROPERTY))) {
      return true;
    }
    try {
      SOAPHeader header = context.getMessage().getSOAPHeader();
      Element token = header == null ? null : first(header, "UsernameToken");
      if (token == null) {
        throw reject("no UsernameToken");
      }
      String user = text(token, "Username");
      Element passwordElement = first(token, "Password");
      String type = passwordElement == null ? "" : passwordElement.getAttribute("Type");
      String given = passwordElement == null ? "" : passwordElement.getTextContent();
      boolean ok;
      if (type.endsWith("#PasswordDigest")) {
        byte[] nonce = Base64.getDecoder().decode(text(token, "Nonce"));
        ok = SoapHeaders.digest(nonce, text(token, "Created"), password).equals(given);
      } else {
        ok = password.equals(given);
      }
      if (!ok || !username.equals(user)) {
        throw reject("bad username or password");
      }
      LAST_USER.set(user + (type.endsWith("#PasswordDigest") ? " (digest)" : " (text)"));
      return true;
    } catch (SOAPException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Element first(Element parent, String localName) {
    NodeList nodes = parent.getElementsByTagNameNS(SoapHeaders.WSSE, localName);
    if (nodes.getLength() == 0) {
      nodes = parent.getElementsByTagNameNS(SoapHeaders.WSU, localName);
    }
    return nodes.getLength() == 0 ? null : (Element) nodes.item(0);
  }

  private static String text(Element parent, String localName) {
    Element element = first(parent, localName);
    return element == null ? "" : element.getTextContent();
  }

  private static SOAPFaultException reject(String reason) throws SOAPException {
    SOAPFault fault =
        SOAPFactory.newInstance()
            .createFault(reason, new QName(SoapHeaders.WSSE, "FailedAuthentication", "wsse"));
    return new SOAPFaultException(fault);
  }

  @Override
  public boolean handleFault(SOAPMessageContext context) {
    return true;
  }

  @Override
  public void close(MessageContext context) {}
}
