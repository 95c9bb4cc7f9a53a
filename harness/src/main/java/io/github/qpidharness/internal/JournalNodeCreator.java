package io.github.qpidharness.internal;

import org.apache.qpid.server.plugin.SystemNodeCreator;

/**
 * Broker-J plugin that gives every virtual host a {@link JournalRecorder}, reachable from the
 * harness as the host's system destination {@link JournalRecorder#NODE_NAME}. Not API.
 *
 * <p>Broker-J calls system node creators once per host activation with the host's registry of
 * system nodes; that registry is the only seam that sees the destination every AMQP 1.0 send
 * resolves to (see {@link JournalRecorder}).
 */
public final class JournalNodeCreator implements SystemNodeCreator {
  @Override
  public void register(SystemNodeRegistry registry) {
    JournalRecorder.register(registry);
  }

  @Override
  public String getType() {
    return "qpid-harness-journal";
  }
}
