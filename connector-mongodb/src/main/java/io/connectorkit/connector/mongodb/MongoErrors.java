package io.connectorkit.connector.mongodb;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.spi.Settings;

/** Maps driver exceptions to the contract's error codes (CONTRACT C5). */
final class MongoErrors {
  static final int DUPLICATE_KEY = 11000;

  private MongoErrors() {}

  /** Whether the exception is a duplicate key error (code 11000), single or in a bulk write. */
  static boolean isDuplicateKey(RuntimeException e) {
    if (e instanceof MongoWriteException write) {
      return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY
          || write.getError().getCode() == DUPLICATE_KEY;
    }
    if (e instanceof MongoBulkWriteException bulk) {
      return bulk.getWriteErrors().stream().anyMatch(error -> error.getCode() == DUPLICATE_KEY);
    }
    if (e instanceof MongoCommandException command) {
      return command.getErrorCode() == DUPLICATE_KEY;
    }
    return e instanceof MongoException mongo && mongo.getCode() == DUPLICATE_KEY;
  }

  /**
   * The contract's exception for a driver failure.
   *
   * @param what the operation and model, for the message
   */
  static ConnectorException map(RuntimeException e, String what) {
    if (e instanceof ConnectorException connectorException) {
      return connectorException;
    }
    String message = Settings.maskUrl(String.valueOf(e.getMessage()));
    if (isDuplicateKey(e)) {
      return new ConnectorException(
          ErrorCode.DUPLICATE_KEY, what + ": duplicate key (" + duplicateDetail(e) + ")", e);
    }
    if (e instanceof MongoTimeoutException
        || e instanceof MongoSocketException
        || e instanceof MongoSecurityException) {
      return new ConnectorException(
          ErrorCode.CONNECTION_FAILED, what + ": MongoDB is not reachable: " + message, e);
    }
    if (e instanceof MongoExecutionTimeoutException) {
      return new ConnectorException(ErrorCode.TIMEOUT, what + ": " + message, e);
    }
    if (e instanceof MongoException mongo) {
      return new ConnectorException(
          ErrorCode.BACKEND_ERROR, what + ": MongoDB error " + mongo.getCode() + ": " + message, e);
    }
    return new ConnectorException(ErrorCode.BACKEND_ERROR, what + ": " + message, e);
  }

  private static String duplicateDetail(RuntimeException e) {
    if (e instanceof MongoBulkWriteException bulk) {
      return bulk.getWriteErrors().stream()
          .map(BulkWriteError::getMessage)
          .findFirst()
          .orElse("E11000");
    }
    if (e instanceof MongoWriteException write) {
      return write.getError().getMessage();
    }
    return String.valueOf(e.getMessage());
  }
}
