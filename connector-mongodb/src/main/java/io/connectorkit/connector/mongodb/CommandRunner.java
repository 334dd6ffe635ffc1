package io.connectorkit.connector.mongodb;

import org.bson.Document;
import org.jspecify.annotations.Nullable;

/** Runs a database command as a native call (C9), failures mapped to contract codes (C5). */
@FunctionalInterface
interface CommandRunner {
  /**
   * @param model the model the command is for, or null
   * @param what the operation, for error messages
   * @param command the command document
   * @return the command's result document
   */
  Document run(@Nullable String model, String what, Document command);
}
