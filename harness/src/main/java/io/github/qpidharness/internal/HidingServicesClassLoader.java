package io.github.qpidharness.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A class loader that hides chosen service providers from {@link java.util.ServiceLoader} lookups
 * and delegates everything else (every class) to its parent. Not API.
 */
final class HidingServicesClassLoader extends ClassLoader {
  private static final String SERVICES = "META-INF/services/";

  /** Hidden provider class names by service file ({@code META-INF/services/<interface>}). */
  private final Map<String, Set<String>> hiddenByServiceFile;

  /**
   * @param service the service interface whose provider list is filtered
   * @param hiddenProviders provider class names to leave out of that list
   */
  HidingServicesClassLoader(ClassLoader parent, String service, Set<String> hiddenProviders) {
    this(parent, Map.of(service, hiddenProviders));
  }

  /**
   * @param hiddenProviders for each service interface name, the provider class names to leave out
   *     of its provider list
   */
  HidingServicesClassLoader(ClassLoader parent, Map<String, Set<String>> hiddenProviders) {
    super(parent);
    Map<String, Set<String>> byFile = new HashMap<>();
    hiddenProviders.forEach(
        (service, hidden) -> byFile.put(SERVICES + service, Set.copyOf(hidden)));
    this.hiddenByServiceFile = Map.copyOf(byFile);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    Enumeration<URL> resources = super.getResources(name);
    Set<String> hiddenProviders = hiddenByServiceFile.get(name);
    if (hiddenProviders == null) {
      return resources;
    }
    List<URL> filtered = new ArrayList<>();
    for (URL url : Collections.list(resources)) {
      filtered.add(withoutHiddenProviders(url, hiddenProviders));
    }
    return Collections.enumeration(filtered);
  }

  private static URL withoutHiddenProviders(URL url, Set<String> hiddenProviders)
      throws IOException {
    String content;
    try (InputStream in = url.openStream()) {
      content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> lines = content.lines().toList();
    if (lines.stream().noneMatch(line -> hiddenProviders.contains(line.trim()))) {
      return url;
    }
    byte[] kept =
        lines.stream()
            .filter(line -> !hiddenProviders.contains(line.trim()))
            .collect(Collectors.joining("\n", "", "\n"))
            .getBytes(StandardCharsets.UTF_8);
    return new URL(
        null,
        url.toString(),
        new URLStreamHandler() {
          @Override
          protected URLConnection openConnection(URL u) {
            return new URLConnection(u) {
              @Override
              public void connect() {}

              @Override
              public InputStream getInputStream() {
                return new ByteArrayInputStream(kept);
              }
            };
          }
        });
  }
}
