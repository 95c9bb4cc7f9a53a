package io.github.qpidharness.internal;

import io.github.qpidharness.HarnessTimeouts;
import jakarta.jms.ConnectionFactory;
import java.util.List;
import org.apache.qpid.jms.JmsConnectionFactory;

/** Builds qpid-jms URLs and connection factories whose every wait is finite. */
public final class ConnectionFactories {
  private ConnectionFactories() {}

  /**
   * A qpid-jms URL for {@code host:port}, selecting {@code virtualHost} (when not null) and setting
   * finite connect, send, request and close timeouts so a broken test fails instead of hanging.
   */
  public static String jmsUrl(String host, int port, String virtualHost) {
    return jmsUrl(host, port, virtualHost, BrokerSettings.DEFAULT_OBJECT_MESSAGE_ALLOW_LIST);
  }

  /**
   * Like {@link #jmsUrl(String, int, String)}, and lets an ObjectMessage deserialize only classes
   * from {@code objectMessageAllowList} (class names or package prefixes; {@code *} for all).
   */
  public static String jmsUrl(
      String host, int port, String virtualHost, List<String> objectMessageAllowList) {
    long timeout = HarnessTimeouts.clientTimeout().toMillis();
    long closeTimeout = HarnessTimeouts.clientCloseTimeout().toMillis();
    StringBuilder url = new StringBuilder("amqp://").append(uriHost(host)).append(':').append(port);
    url.append('?');
    if (virtualHost != null) {
      url.append("amqp.vhost=").append(virtualHost).append('&');
    }
    url.append("jms.connectTimeout=").append(timeout);
    url.append("&jms.sendTimeout=").append(timeout);
    url.append("&jms.requestTimeout=").append(timeout);
    url.append("&jms.closeTimeout=").append(closeTimeout);
    url.append("&jms.deserializationPolicy.allowList=")
        .append(String.join(",", objectMessageAllowList));
    return url.toString();
  }

  /** Pause between two reconnect attempts of a failover client, fixed (no back-off). */
  public static final long FAILOVER_RECONNECT_DELAY_MILLIS = 100;

  /**
   * A qpid-jms failover URL for {@code host:port}: it reconnects every {@link
   * #FAILOVER_RECONNECT_DELAY_MILLIS} ms, for as many attempts as fit in the client timeout, both
   * at start-up and after losing the connection, and then fails; sends and requests wait at most
   * the client timeout. The virtual host goes on the nested URL ({@code amqp.*} options belong to a
   * transport), the {@code jms.*} options on the failover URL (they configure the connection).
   */
  public static String failoverUrl(
      String host, int port, String virtualHost, List<String> objectMessageAllowList) {
    long timeout = HarnessTimeouts.clientTimeout().toMillis();
    long closeTimeout = HarnessTimeouts.clientCloseTimeout().toMillis();
    long attempts = Math.max(1, timeout / FAILOVER_RECONNECT_DELAY_MILLIS);
    StringBuilder url =
        new StringBuilder("failover:(")
            .append(plainUrl(host, port))
            .append(virtualHost == null ? "" : "?amqp.vhost=" + virtualHost)
            .append(")?");
    url.append("failover.initialReconnectDelay=0");
    url.append("&failover.reconnectDelay=").append(FAILOVER_RECONNECT_DELAY_MILLIS);
    url.append("&failover.useReconnectBackOff=false");
    url.append("&failover.maxReconnectAttempts=").append(attempts);
    url.append("&failover.startupMaxReconnectAttempts=").append(attempts);
    url.append("&jms.connectTimeout=").append(timeout);
    url.append("&jms.sendTimeout=").append(timeout);
    url.append("&jms.requestTimeout=").append(timeout);
    url.append("&jms.closeTimeout=").append(closeTimeout);
    url.append("&jms.deserializationPolicy.allowList=")
        .append(String.join(",", objectMessageAllowList));
    return url.toString();
  }

  /** A plain {@code amqp://host:port} address that any AMQP client understands. */
  public static String plainUrl(String host, int port) {
    return "amqp://" + uriHost(host) + ":" + port;
  }

  /** A new connection factory for {@code url}, logging in when a username is given. */
  public static ConnectionFactory create(String url, String username, String password) {
    JmsConnectionFactory factory = new JmsConnectionFactory(url);
    if (username != null) {
      factory.setUsername(username);
      factory.setPassword(password);
    }
    return factory;
  }

  /** The address clients should dial for a port bound to {@code bindingAddress}. */
  public static String clientHost(String bindingAddress) {
    if (bindingAddress == null
        || bindingAddress.equals("*")
        || bindingAddress.equals("0.0.0.0")
        || bindingAddress.equals("::")) {
      return "127.0.0.1";
    }
    return bindingAddress;
  }

  private static String uriHost(String host) {
    return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
