package io.connectorkit.connector.soap;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.xml.ws.BindingType;
import jakarta.xml.ws.soap.SOAPBinding;

/** The calculator on a SOAP 1.2 port. */
@WebService(
    serviceName = "Calculator12",
    portName = "CalculatorSoap12",
    targetNamespace = "http://tempuri.org/")
@BindingType(SOAPBinding.SOAP12HTTP_BINDING)
public class Calculator12Service {
  @WebMethod(operationName = "Multiply", action = "http://tempuri.org/Multiply")
  @WebResult(name = "MultiplyResult", targetNamespace = "http://tempuri.org/")
  public int multiply(
      @WebParam(name = "intA", targetNamespace = "http://tempuri.org/") int a,
      @WebParam(name = "intB", targetNamespace = "http://tempuri.org/") int b) {
    return a * b;
  }

  @WebMethod(operationName = "Fail")
  @WebResult(name = "FailResult", targetNamespace = "http://tempuri.org/")
  public int fail(
      @WebParam(name = "reason", targetNamespace = "http://tempuri.org/") String reason) {
    throw new IllegalStateException(reason);
  }
}
