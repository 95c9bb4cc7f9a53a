package io.github.qpidharness.spring;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Wraps a connection so that the message consumers created on it are known: closing a consumer ends
 * a receive in progress on it with {@code null}, the way a listener container expects at a stop,
 * where closing its session or connection makes the receive throw (and the container log a
 * warning).
 */
final class ConsumerTracking implements InvocationHandler {
  private final Object target;
  private final Consumer<MessageConsumer> consumers;

  private ConsumerTracking(Object target, Consumer<MessageConsumer> consumers) {
    this.target = target;
    this.consumers = consumers;
  }

  /** {@code connection}, reporting every consumer of its sessions to {@code consumers}. */
  static Connection wrap(Connection connection, Consumer<MessageConsumer> consumers) {
    return (Connection) proxy(connection, consumers);
  }

  private static Object proxy(Object target, Consumer<MessageConsumer> consumers) {
    Set<Class<?>> interfaces = new LinkedHashSet<>();
    for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        if (i.getName().startsWith("jakarta.jms.") || i == AutoCloseable.class) {
          interfaces.add(i);
        }
      }
    }
    return Proxy.newProxyInstance(
        ConsumerTracking.class.getClassLoader(),
        interfaces.toArray(Class<?>[]::new),
        new ConsumerTracking(target, consumers));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return switch (method.getName()) {
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        default -> method.invoke(target, args);
      };
    }
    Object result;
    try {
      result = method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
    if (result instanceof Session session && !(session instanceof Proxy)) {
      return proxy(session, consumers);
    }
    if (result instanceof MessageConsumer consumer) {
      consumers.accept(consumer);
    }
    return result;
  }
}
