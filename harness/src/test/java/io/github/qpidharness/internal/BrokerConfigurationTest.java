package io.github.qpidharness.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.qpidharness.Protocol;
import io.github.qpidharness.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerConfigurationTest {
  private static final Path HOSTS = Path.of("/work/hosts");

  @Test
  void aDerbyHostKeepsItsDatabaseInItsOwnDirectoryWithMessagesInTheNodesStore() {
    Map<String, Object> node = configuration(Store.DERBY).hostNode("orders");

    assertThat(node)
        .containsEntry("type", "DERBY")
        .containsEntry("storePath", HOSTS.resolve("orders").toString())
        .containsEntry("virtualHostInitialConfiguration", "{\"type\":\"ProvidedStore\"}");
  }

  @Test
  void aMemoryHostIsAMemoryNodeWithAMemoryVirtualHost() {
    assertThat(configuration(Store.MEMORY).hostNode("orders"))
        .containsEntry("type", "Memory")
        .containsEntry("virtualHostInitialConfiguration", "{\"type\":\"Memory\"}")
        .doesNotContainKey("storePath");
  }

  @Test
  void theInitialConfigurationBringsUpTheDefaultHostAndTheListedOnes() {
    Map<String, Object> initial = configuration(Store.DERBY).initialConfiguration();

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> nodes = (List<Map<String, Object>>) initial.get("virtualhostnodes");
    assertThat(nodes).extracting(n -> n.get("name")).containsExactly("default", "kept");
    assertThat(nodes.get(0)).containsEntry("defaultVirtualHostNode", true);
  }

  @Test
  void theDefaultHostOfADerbyBrokerIsAMemoryHostWithoutADatabase() {
    Map<String, Object> initial = configuration(Store.DERBY).initialConfiguration();

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> nodes = (List<Map<String, Object>>) initial.get("virtualhostnodes");
    assertThat(nodes.get(0))
        .containsEntry("name", "default")
        .containsEntry("type", "Memory")
        .containsEntry("virtualHostInitialConfiguration", "{\"type\":\"Memory\"}")
        .doesNotContainKey("storePath");
    assertThat(nodes.get(1)).containsEntry("name", "kept").containsEntry("type", "DERBY");
  }

  @Test
  void theTextFormNeverShowsThePassword() {
    assertThat(configuration(Store.MEMORY).toString())
        .contains("user guest")
        .doesNotContain("s3cret");
  }

  private static BrokerConfiguration configuration(Store store) {
    return new BrokerConfiguration(
        store,
        "127.0.0.1",
        0,
        List.of(Protocol.AMQP_1_0),
        "guest",
        "s3cret",
        HOSTS,
        List.of("kept"));
  }
}
