package io.connectorkit.connector.soap;

import jakarta.xml.ws.WebFault;

/** A checked SOAP fault with a detail element. */
@WebFault(name = "DivisionFault", targetNamespace = "http://tempuri.org/")
public class DivisionFault extends Exception {
  private static final long serialVersionUID = 1L;
  private final Info info;

  public DivisionFault(String message, Info info) {
    super(message);
    this.info = info;
  }

  public Info getFaultInfo() {
    return info;
  }

  /** The fault detail. */
  public static class Info {
    private int dividend;

    public Info() {}

    public Info(int dividend) {
      this.dividend = dividend;
    }

    public int getDividend() {
      return dividend;
    }

    public void setDividend(int dividend) {
      this.dividend = dividend;
    }
  }
}
