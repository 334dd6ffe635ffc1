package io.connectorkit.tck;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.Repository;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Feature;
import io.connectorkit.core.model.ModelDefinition;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * The base of every TCK section: a fresh datasource per test from the connector author's {@link
 * ConnectorTck}, and the assertions whose failure messages say what the contract requires and what
 * the connector did.
 */
public abstract class TckSection {
  private final ConnectorTck tck;

  /** The datasource under test; fresh for every test. */
  protected DataSource db;

  private final List<DataSource> others = new ArrayList<>();

  protected TckSection(ConnectorTck tck) {
    this.tck = requireNonNull(tck, "tck is null");
  }

  @BeforeEach
  final void openDataSource(TestInfo test) {
    db = requireNonNull(tck.createDataSource(), "createDataSource() returned null");
    boolean records =
        test.getTestMethod()
            .map(method -> method.getAnnotation(ContractSection.class))
            .map(ContractSection::records)
            .orElse(true);
    if (records) {
      assumeFeature(Feature.CRUD, "the test stores and reads records");
    }
  }

  @AfterEach
  final void closeDataSource() {
    others.forEach(DataSource::close);
    others.clear();
    if (db != null) {
      db.close();
    }
  }

  /** Defines a model from model JSON on an empty store, and returns its DAO. */
  protected final Dao define(String modelJson) {
    ModelDefinition model = db.define(modelJson);
    tck.reset(db, model);
    return db.dao(model.name());
  }

  /**
   * Empties the storage of a model already defined on the datasource under test (after its
   * definition changed, e.g. once a relation's target was defined), and returns its DAO.
   */
  protected final Dao reset(String modelName) {
    tck.reset(db, db.model(modelName));
    return db.dao(modelName);
  }

  /**
   * Defines the model derived from a Java type on an empty store (on {@code target}), and returns
   * its typed repository.
   */
  protected final <T> Repository<T> repository(DataSource target, Class<T> type) {
    ModelDefinition model = target.define(Repository.deriveModel(type));
    tck.reset(target, model);
    return target.repository(type);
  }

  /** {@link #repository(DataSource, Class)} on the datasource under test. */
  protected final <T> Repository<T> repository(Class<T> type) {
    return repository(db, type);
  }

  /** A second datasource of the connector under test, closed after the test. */
  protected final DataSource anotherDataSource() {
    DataSource other = requireNonNull(tck.createDataSource(), "createDataSource() returned null");
    others.add(other);
    return other;
  }

  /** Whether the connector under test declares a feature. */
  protected final boolean supports(Feature feature) {
    return tck.features(db).contains(feature);
  }

  /**
   * Skips the test when a prerequisite feature is missing, saying so (never for the feature under
   * test).
   */
  protected final void assumeFeature(Feature feature, String why) {
    Assumptions.assumeTrue(
        supports(feature),
        () -> "prerequisite " + feature + " not declared by " + db.connectorName() + ": " + why);
  }

  /**
   * Asserts that a call fails with a contract error.
   *
   * @param requirement what the contract requires, in words, for the failure message
   * @return the exception, for further checks
   */
  protected final ConnectorException assertError(
      ErrorCode code, String requirement, ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    if (thrown == null) {
      return fail("%s: expected %s, but the call succeeded", requirement, code);
    }
    if (!(thrown instanceof ConnectorException exception)) {
      throw new AssertionError(
          requirement + ": expected ConnectorException " + code + ", but got " + thrown, thrown);
    }
    assertThat(exception.code())
        .as(
            "%s: expected %s, got %s (%s)",
            requirement, code, exception.code(), exception.getMessage())
        .isEqualTo(code);
    return exception;
  }

  /**
   * The two-sided check for an undeclared feature (C7): the operation must fail with {@code
   * UNSUPPORTED_OPERATION} and the standard message, never do something else.
   */
  protected final void assertUnsupported(Feature feature, ThrowingCallable call) {
    assertUnsupported(feature, "the operation", call);
  }

  /** {@link #assertUnsupported(Feature, ThrowingCallable)} naming the operation when it fails. */
  protected final void assertUnsupported(Feature feature, String operation, ThrowingCallable call) {
    String expected = feature.unsupportedMessage(db.connectorName());
    ConnectorException exception =
        assertError(
            ErrorCode.UNSUPPORTED_OPERATION,
            "C7: a connector without " + feature + " must refuse " + operation,
            call);
    assertThat(exception.getMessage())
        .as("C7: the message of an undeclared feature is \"%s\" (%s)", expected, operation)
        .startsWith(expected);
  }

  /** The connector author's TCK, for the hooks a section needs. */
  protected final ConnectorTck tck() {
    return tck;
  }
}
