package io.github.qpidharness.internal;

/**
 * A fixture whose close has a quick part (refuse further use) and a slow one (end its session on
 * the broker), so that closing a whole host can leave the slow part to the background. Not API.
 */
interface Fixture extends AutoCloseable {
  /** Refuses further use from now on; true the first time, false if already closed. */
  boolean markClosed();

  /**
   * Like {@link #markClosed()}, for a fixture closed with its host: {@code why} (e.g. {@code host
   * "x" was closed}) ends any wait on the fixture with that reason.
   */
  default boolean markClosed(String why) {
    return markClosed();
  }

  /**
   * The broker or the connection ended the fixture's link ({@code why} says how): waits on it end
   * at once instead of running out their timeout.
   */
  default void interrupted(String why) {}

  /**
   * Ends the fixture's link and session; call once, after {@link #markClosed()} returned true.
   *
   * @param hostClosing true when the whole host is closing, whose reset or deletion removes every
   *     queue anyway: a fixture may then skip removing what it created on the broker
   */
  void closeSession(boolean hostClosing);

  /**
   * The host or broker restarted under the fixture, cutting its connection: from now on its calls
   * fail with {@code reason} in their message, since fixtures do not reconnect.
   */
  default void restarted(String reason) {}

  /** Ends a fixture's link and lets its session serve another fixture, or closes it. */
  @FunctionalInterface
  interface SessionEnd {
    void end(AutoCloseable link) throws Exception;
  }

  @Override
  default void close() {
    if (markClosed()) {
      closeSession(false);
    }
  }
}
