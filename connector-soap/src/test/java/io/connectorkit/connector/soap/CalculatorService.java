package io.connectorkit.connector.soap;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;

/** A calculator like the classic .NET one (document/literal wrapped, SOAP 1.1). */
@WebService(
    serviceName = "Calculator",
    portName = "CalculatorSoap",
    targetNamespace = "http://tempuri.org/")
public class CalculatorService {
  @WebMethod(operationName = "Add", action = "http://tempuri.org/Add")
  @WebResult(name = "AddResult", targetNamespace = "http://tempuri.org/")
  public int add(
      @WebParam(name = "intA", targetNamespace = "http://tempuri.org/") int a,
      @WebParam(name = "intB", targetNamespace = "http://tempuri.org/") int b) {
    return a + b;
  }

  @WebMethod(operationName = "Divide", action = "http://tempuri.org/Divide")
  @WebResult(name = "DivideResult", targetNamespace = "http://tempuri.org/")
  public int divide(
      @WebParam(name = "intA", targetNamespace = "http://tempuri.org/") int a,
      @WebParam(name = "intB", targetNamespace = "http://tempuri.org/") int b)
      throws DivisionFault {
    if (b == 0) {
      throw new DivisionFault("Attempted to divide by zero.", new DivisionFault.Info(a));
    }
    return a / b;
  }

  /** A Client fault for a negative argument: the caller's mistake, reported by the service. */
  @WebMethod(operationName = "Sqrt")
  @WebResult(name = "SqrtResult", targetNamespace = "http://tempuri.org/")
  public double sqrt(
      @WebParam(name = "value", targetNamespace = "http://tempuri.org/") double value)
      throws jakarta.xml.soap.SOAPException {
    if (value < 0) {
      throw new jakarta.xml.ws.soap.SOAPFaultException(
          jakarta.xml.soap.SOAPFactory.newInstance()
              .createFault(
                  "value must not be negative",
                  new javax.xml.namespace.QName(
                      jakarta.xml.soap.SOAPConstants.URI_NS_SOAP_1_1_ENVELOPE, "Client")));
    }
    return Math.sqrt(value);
  }

  /** Sleeps, for timeout tests. */
  @WebMethod(operationName = "Slow")
  @WebResult(name = "SlowResult", targetNamespace = "http://tempuri.org/")
  public int slow(@WebParam(name = "millis", targetNamespace = "http://tempuri.org/") int millis)
      throws InterruptedException {
    Thread.sleep(millis);
    return millis;
  }
}
