package io.github.qpidharness.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.qpid.server.model.ConfiguredObject;
import org.apache.qpid.server.model.Exchange;
import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.model.VirtualHost;
import org.apache.qpid.server.model.VirtualHostNode;

/**
 * What a test could change on a pooled host besides its queues, exchanges and connections, as
 * Broker-J's management or its in-process model change it: the attributes (context variables
 * included) of the node, of the virtual host and of each exchange the host was built with, the
 * built-in exchanges' bindings, and every other child of the node and of the host. Compared whole:
 * a pooled host must equal a fresh one, and any difference, even a change set back, is one. Not
 * API.
 */
final class BuiltState {
  private final Map<String, Object> state;

  private BuiltState(Map<String, Object> state) {
    this.state = state;
  }

  /** Records {@code node} and {@code host} as they are now; queues and connections left out. */
  static BuiltState of(VirtualHostNode<?> node, VirtualHost<?> host) {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("node", new HashMap<>(node.getActualAttributes()));
    state.put("node children", children(node, VirtualHost.class));
    state.put("virtual host " + host.getId(), new HashMap<>(host.getActualAttributes()));
    state.put("virtual host children", children(host, Queue.class, Exchange.class));
    for (Exchange<?> exchange : host.getChildren(Exchange.class)) {
      Map<String, Object> attributes = new HashMap<>(exchange.getActualAttributes());
      attributes.put("(bindings)", List.copyOf(exchange.getBindings()));
      state.put("exchange " + exchange.getName(), attributes);
    }
    return new BuiltState(state);
  }

  /** What differs between this state and {@code now}, by part; empty if nothing. */
  List<String> differences(BuiltState now) {
    List<String> changed = new ArrayList<>();
    for (String part : union(state, now.state)) {
      if (!Objects.equals(state.get(part), now.state.get(part))) {
        changed.add(part);
      }
    }
    return changed;
  }

  /** The ids of every child of {@code parent} but those of the types {@code except}. */
  private static Map<String, List<Object>> children(
      ConfiguredObject<?> parent, Class<?>... except) {
    Map<String, List<Object>> children = new TreeMap<>();
    for (Class<? extends ConfiguredObject> type :
        parent.getModel().getChildTypes(parent.getCategoryClass())) {
      if (List.of(except).contains(type)) {
        continue;
      }
      List<Object> ids = new ArrayList<>();
      for (ConfiguredObject<?> child : parent.getChildren(type)) {
        ids.add(child.getId());
      }
      children.put(type.getSimpleName(), ids);
    }
    return children;
  }

  private static List<String> union(Map<String, Object> a, Map<String, Object> b) {
    List<String> keys = new ArrayList<>(a.keySet());
    for (String key : b.keySet()) {
      if (!keys.contains(key)) {
        keys.add(key);
      }
    }
    return keys;
  }
}
