package io.github.qpidharness.benchmarks;

/**
 * One way of sending messages and getting them back, measured by {@link MessagingFigures}: raw
 * qpid-jms ({@link RawJmsClient}) on each broker, and the harness's sender and receiver fixtures
 * once they exist. A new way is one more implementation added in {@link MessagingFigures#clients}.
 */
interface MessagingClient extends AutoCloseable {

  /**
   * When a one-message round trip started, when the send call returned, and when it was received.
   */
  record Timing(long sendStartNanos, long sendReturnedNanos, long receivedNanos) {
    double roundTripMillis() {
      return (receivedNanos - sendStartNanos) / 1e6;
    }

    double afterSendMillis() {
      return (receivedNanos - sendReturnedNanos) / 1e6;
    }
  }

  /** Names the client and the broker, e.g. "raw qpid-jms, harness broker". */
  String label();

  /** Sends one message and returns once the receiving side has it. */
  Timing roundTrip() throws Exception;

  /** Sends {@code count} messages and returns once all have been received. */
  void sendAndReceive(int count) throws Exception;

  @Override
  void close() throws Exception;
}
