package io.github.qpidharness.benchmarks.suites;

import jakarta.jms.ConnectionFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptor;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.qpid.jms.JmsConnectionFactory;

/**
 * What a plain JUnit 5 suite on Artemis would write itself: an embedded broker without persistence
 * or security, one AMQP acceptor on an ephemeral 127.0.0.1 port, reached with qpid-jms.
 */
final class ArtemisBroker implements AutoCloseable {
  private final EmbeddedActiveMQ server;
  private final Path directory;
  private final int port;

  private ArtemisBroker(EmbeddedActiveMQ server, Path directory, int port) {
    this.server = server;
    this.directory = directory;
    this.port = port;
  }

  static ArtemisBroker start() throws Exception {
    Path directory = Files.createTempDirectory("artemis-suite-");
    EmbeddedActiveMQ server =
        new EmbeddedActiveMQ()
            .setConfiguration(
                new ConfigurationImpl()
                    .setPersistenceEnabled(false)
                    .setSecurityEnabled(false)
                    .setJMXManagementEnabled(false)
                    .setJournalDirectory(directory.resolve("journal").toString())
                    .setBindingsDirectory(directory.resolve("bindings").toString())
                    .setPagingDirectory(directory.resolve("paging").toString())
                    .setLargeMessagesDirectory(directory.resolve("large-messages").toString())
                    .addAcceptorConfiguration("amqp", "tcp://127.0.0.1:0?protocols=AMQP"));
    server.start();
    NettyAcceptor acceptor =
        (NettyAcceptor) server.getActiveMQServer().getRemotingService().getAcceptor("amqp");
    return new ArtemisBroker(server, directory, acceptor.getActualPort());
  }

  ConnectionFactory connectionFactory() {
    return new JmsConnectionFactory("amqp://127.0.0.1:" + port);
  }

  @Override
  public void close() throws Exception {
    server.stop();
    try (Stream<Path> files = Files.walk(directory)) {
      files
          .sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.delete(path);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
