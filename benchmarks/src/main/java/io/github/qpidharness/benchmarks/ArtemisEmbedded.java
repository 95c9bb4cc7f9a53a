package io.github.qpidharness.benchmarks;

import jakarta.jms.ConnectionFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptor;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.qpid.jms.JmsConnectionFactory;

/**
 * The alternative users would pick: Apache ActiveMQ Artemis embedded, no persistence, no security,
 * one AMQP acceptor on an ephemeral 127.0.0.1 port, reached with the same qpid-jms client.
 */
final class ArtemisEmbedded implements BrokerUnderTest {
  private static final String ACCEPTOR = "amqp";

  private final EmbeddedActiveMQ server;
  private final Path directory;
  private final int port;

  private ArtemisEmbedded(EmbeddedActiveMQ server, Path directory, int port) {
    this.server = server;
    this.directory = directory;
    this.port = port;
  }

  static ArtemisEmbedded start() {
    try {
      Path directory = Files.createTempDirectory("artemis-");
      Configuration configuration =
          new ConfigurationImpl()
              .setPersistenceEnabled(false)
              .setSecurityEnabled(false)
              .setJMXManagementEnabled(false)
              .setJournalDirectory(directory.resolve("journal").toString())
              .setBindingsDirectory(directory.resolve("bindings").toString())
              .setPagingDirectory(directory.resolve("paging").toString())
              .setLargeMessagesDirectory(directory.resolve("large-messages").toString())
              .addAcceptorConfiguration(ACCEPTOR, "tcp://127.0.0.1:0?protocols=AMQP");
      EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(configuration);
      server.start();
      NettyAcceptor acceptor =
          (NettyAcceptor) server.getActiveMQServer().getRemotingService().getAcceptor(ACCEPTOR);
      return new ArtemisEmbedded(server, directory, acceptor.getActualPort());
    } catch (Exception e) {
      throw new IllegalStateException("Artemis failed to start: " + e, e);
    }
  }

  @Override
  public ConnectionFactory connectionFactory() {
    return new JmsConnectionFactory("amqp://127.0.0.1:" + port);
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Artemis failed to stop: " + e, e);
    } finally {
      RawBrokerJ.deleteTree(directory);
    }
  }
}
