package io.connectorkit.connector.soap;

import java.util.Map;
import java.util.Set;

/**
 * What a {@code soap} datasource offers beyond {@code invoke}: its method names and LoopBack's
 * {@code jsonToXML} / {@code xmlToJSON} helpers. Obtain it with {@code
 * dataSource.unwrap(SoapOperations.class)}. Every method connects first (reads the WSDL).
 */
public interface SoapOperations {
  /** The method names, as {@code invoke} takes them; never null. */
  Set<String> methods();

  /**
   * The body element XML of a method's request for JSON input, e.g. {@code <ns1:Add
   * xmlns:ns1="http://tempuri.org/"><ns1:intA>1</ns1:intA>…</ns1:Add>}.
   *
   * @param method a name of {@link #methods()}
   * @param json the input, as {@code invoke} takes it; never null
   * @throws io.connectorkit.core.common.ConnectorException INVALID_ARGUMENT for an unknown method
   *     or input the schema does not allow
   */
  String jsonToXml(String method, Map<String, Object> json);

  /**
   * The JSON of a method's output (or input) element found in an XML document: a full SOAP envelope
   * or the bare element.
   *
   * @param method a name of {@link #methods()}
   * @param xml never null; DOCTYPEs are refused
   * @return the output as {@code invoke} returns it
   * @throws io.connectorkit.core.common.ConnectorException INVALID_ARGUMENT for an unknown method
   *     or malformed XML
   */
  Object xmlToJson(String method, String xml);
}
