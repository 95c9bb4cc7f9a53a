package io.github.qpidharness.internal;

import jakarta.jms.ConnectionFactory;
import java.util.List;

/**
 * Where and how a client reaches one host: the one value every client URL and connection factory of
 * the harness is built from. Not API.
 *
 * @param scheme the URL scheme ({@code amqp})
 * @param address the address to dial
 * @param port the AMQP port
 * @param virtualHost the host to ask for, or null for the broker's default host
 * @param username the user to log in as, or null for anonymous access
 * @param password the user's password, or null
 * @param objectMessageAllowList what an ObjectMessage may deserialize on the client's connections
 */
public record ClientEndpoint(
    String scheme,
    String address,
    int port,
    String virtualHost,
    String username,
    String password,
    List<String> objectMessageAllowList) {

  public ClientEndpoint {
    objectMessageAllowList = List.copyOf(objectMessageAllowList);
  }

  /**
   * The endpoint of {@code virtualHost} (null: the default host) on a broker with {@code settings}.
   */
  public static ClientEndpoint of(BrokerSettings settings, int port, String virtualHost) {
    return new ClientEndpoint(
        "amqp",
        ConnectionFactories.clientHost(settings.bindingAddress()),
        port,
        virtualHost,
        settings.username(),
        settings.password(),
        settings.objectMessageAllowList());
  }

  /** The qpid-jms URL, with finite client timeouts. */
  public String jmsUrl() {
    return ConnectionFactories.jmsUrl(address, port, virtualHost, objectMessageAllowList);
  }

  /** A plain {@code amqp://address:port} address that any AMQP client understands. */
  public String plainUrl() {
    return ConnectionFactories.plainUrl(address, port);
  }

  /** A new qpid-jms connection factory, logging in when a username is given. */
  public ConnectionFactory connectionFactory() {
    return ConnectionFactories.create(jmsUrl(), username, password);
  }

  /** Never shows the password. */
  @Override
  public String toString() {
    return "ClientEndpoint[" + jmsUrl() + (username == null ? "" : ", user " + username) + "]";
  }
}
