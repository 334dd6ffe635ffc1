package io.connectorkit.tck;

/** TCK results counted by status, while a {@link CompatibilityMatrix} is computed. */
final class StatusTally {
  long passed;
  long failed;
  long skipped;

  void add(TckResult.Status status) {
    switch (status) {
      case PASSED -> passed++;
      case FAILED -> failed++;
      case SKIPPED -> skipped++;
    }
  }
}
