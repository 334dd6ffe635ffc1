package io.connectorkit.core.common;

/** The error codes of CONTRACT C5, each with the HTTP status a REST layer should answer with. */
public enum ErrorCode {
  /** Malformed filter, unknown operator or property, bad limit, skip or order. */
  INVALID_FILTER(400),
  /** Missing id, id change, multiple matches in {@code upsertWithWhere}. */
  INVALID_ARGUMENT(400),
  /** Required, type, strict or forceId rule broken; carries per-property details. */
  VALIDATION_FAILED(422),
  /** An id-targeted write on a missing id. */
  ENTITY_NOT_FOUND(404),
  /** Operation on, or migration of, a model that is not defined. */
  MODEL_NOT_FOUND(404),
  /** Create with an existing id or unique-index value. */
  DUPLICATE_KEY(409),
  /** The connector lacks the feature. */
  UNSUPPORTED_OPERATION(501),
  /** Bad datasource or model definition. */
  CONFIGURATION_INVALID(500),
  /** Backend unreachable, pool exhausted past its timeout. */
  CONNECTION_FAILED(503),
  /** Operation exceeded its timeout. */
  TIMEOUT(504),
  /** Use of a committed, rolled-back or timed-out transaction. */
  TRANSACTION_NOT_ACTIVE(409),
  /** Any other backend failure; the driver's error is kept as the cause. */
  BACKEND_ERROR(502);

  private final int httpStatus;

  ErrorCode(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  /** The HTTP status a REST layer maps this code to. */
  public int httpStatus() {
    return httpStatus;
  }
}
