package io.github.qpidharness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** The other JVM of {@link WorkDirectoryTest}. */
final class ChildBroker {
  private ChildBroker() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "read" -> {
        try (EmbeddedBroker broker =
                EmbeddedBroker.builder()
                    .store(Store.DERBY)
                    .workDirectory(Path.of(args[1]))
                    .hostPoolSize(0)
                    .start();
            TestBroker host = broker.host("orders-host")) {
          List<ReceivedMessage> messages =
              host.queueReceiver("orders").receive(2, Duration.ofSeconds(20));
          System.out.println(
              "orders: "
                  + messages.stream().map(ReceivedMessage::text).collect(Collectors.joining(",")));
        }
      }
      case "hold" -> {
        EmbeddedBroker.Builder builder = EmbeddedBroker.builder().hostPoolSize(0);
        if (args.length > 1) {
          builder.store(Store.DERBY).workDirectory(Path.of(args[1]));
        }
        EmbeddedBroker broker = builder.start();
        System.out.println(broker.workDirectory());
        System.out.flush();
        // Until the parent terminates or kills this JVM.
        System.in.read();
        broker.close();
      }
      default -> throw new IllegalArgumentException(args[0]);
    }
  }
}
