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
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A class loader that hides chosen service providers from {@link java.util.ServiceLoader} lookups
 * and delegates everything else (every class) to its parent. Not API.
 */
final class HidingServicesClassLoader extends ClassLoader {
  private final String serviceFile;
  private final Set<String> hiddenProviders;

  /**
   * @param service the service interface whose provider list is filtered
   * @param hiddenProviders provider class names to leave out of that list
   */
  HidingServicesClassLoader(ClassLoader parent, String service, Set<String> hiddenProviders) {
    super(parent);
    this.serviceFile = "META-INF/services/" + service;
    this.hiddenProviders = Set.copyOf(hiddenProviders);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    Enumeration<URL> resources = super.getResources(name);
    if (!name.equals(serviceFile)) {
      return resources;
    }
    List<URL> filtered = new ArrayList<>();
    for (URL url : Collections.list(resources)) {
      filtered.add(withoutHiddenProviders(url));
    }
    return Collections.enumeration(filtered);
  }

  private URL withoutHiddenProviders(URL url) throws IOException {
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
