package io.connectorkit.connector.soap;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.jws.soap.SOAPBinding;

/** An rpc/literal service. */
@WebService(serviceName = "Greeter", portName = "GreeterPort", targetNamespace = "urn:greeter")
@SOAPBinding(style = SOAPBinding.Style.RPC)
public class RpcService {
  @WebMethod(operationName = "greet")
  @WebResult(name = "greeting", partName = "greeting")
  public String greet(
      @WebParam(name = "name", partName = "name") String name,
      @WebParam(name = "times", partName = "times") int times) {
    return ("Hello " + name + "! ").repeat(times).trim();
  }
}
