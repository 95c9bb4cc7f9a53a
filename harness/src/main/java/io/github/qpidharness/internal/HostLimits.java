package io.github.qpidharness.internal;

/**
 * What the broker accepts on one client connection to a host, read from its settings, so that the
 * harness refuses a call that would exceed it instead of letting the broker end the connection. Not
 * API.
 *
 * @param sessionsPerConnection sessions the fixtures of a connection may have open at once:
 *     Broker-J's {@code qpid.port.sessionCountLimit} (256 by default: channels 0 to 255), less the
 *     one session qpid-jms keeps for itself
 * @param maxMessageSize the largest message the broker takes, in bytes (Broker-J's {@code
 *     qpid.max_message_size}, 100 MiB by default), or {@link Long#MAX_VALUE} for no limit
 */
public record HostLimits(int sessionsPerConnection, long maxMessageSize) {
  /** Broker-J's defaults. */
  public static final HostLimits DEFAULT = new HostLimits(255, 100L * 1024 * 1024);
}
