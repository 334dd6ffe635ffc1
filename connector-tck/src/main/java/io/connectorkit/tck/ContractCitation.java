package io.connectorkit.tck;

import java.lang.reflect.Method;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * Makes every TCK failure name the document it enforces: the failure message starts with {@code
 * docs/contract.md C4.1:} (the section of the test's {@link ContractSection}), so a connector
 * author who has only the TCK jar knows where to read the rule; the jar carries the document as
 * {@link #RESOURCE}. Skips (prerequisites) pass through unchanged.
 */
final class ContractCitation implements TestExecutionExceptionHandler {
  /** The contract's path in the repository, as failure messages cite it. */
  static final String DOCUMENT = "docs/contract.md";

  /** The class-path resource of the contract inside the TCK jar. */
  static final String RESOURCE = "META-INF/connectorkit/contract.md";

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable thrown)
      throws Throwable {
    if (thrown instanceof TestAbortedException) {
      throw thrown;
    }
    Optional<String> section =
        context.getTestMethod().map(ContractCitation::section).filter(s -> !s.isEmpty());
    if (section.isEmpty()) {
      throw thrown;
    }
    throw cite(section.get(), thrown);
  }

  /** The failure, its message prefixed with the citation; the original stays as the cause. */
  static AssertionError cite(String section, Throwable thrown) {
    String message = thrown.getMessage() == null ? thrown.toString() : thrown.getMessage();
    AssertionError cited = new AssertionError(DOCUMENT + " " + section + ": " + message, thrown);
    // The cited error stands where the original was thrown, so stack traces point at the check.
    cited.setStackTrace(thrown.getStackTrace());
    return cited;
  }

  private static String section(Method method) {
    ContractSection contract = method.getAnnotation(ContractSection.class);
    return contract == null ? "" : contract.value();
  }
}
