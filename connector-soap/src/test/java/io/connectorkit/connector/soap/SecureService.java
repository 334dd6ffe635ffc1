package io.connectorkit.connector.soap;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;

/** A service behind a WS-Security UsernameToken check ({@link UsernameTokenHandler}). */
@WebService(serviceName = "Secure", portName = "SecurePort", targetNamespace = "urn:secure")
public class SecureService {
  @WebMethod(operationName = "Whoami")
  @WebResult(name = "user", targetNamespace = "urn:secure")
  public String whoami(@WebParam(name = "prefix", targetNamespace = "urn:secure") String prefix) {
    return prefix + UsernameTokenHandler.LAST_USER.get();
  }
}
