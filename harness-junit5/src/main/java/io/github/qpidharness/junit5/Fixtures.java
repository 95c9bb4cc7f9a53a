package io.github.qpidharness.junit5;

import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.MessageSender;
import io.github.qpidharness.QueueOptions;
import io.github.qpidharness.TestBroker;
import io.github.qpidharness.junit5.DestinationParameter.Kind;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Optional;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Creates the message senders and receivers that {@link Queue @Queue} and {@link Topic @Topic}
 * parameters ask for; the host's factories declare a missing destination with the right kind.
 */
final class Fixtures {
  private Fixtures() {}

  /** True for the fixture types, so that a missing annotation gets an explanation. */
  static boolean supports(Class<?> type) {
    return type == MessageSender.class || type == MessageReceiver.class;
  }

  /**
   * Declares, before any of them is created, the queues that the {@code @Queue} parameters of
   * {@code executable} give options: a receiver on the same queue without options may come first. A
   * parameter whose annotation is invalid is left to its own resolution, which explains it.
   */
  static void declareQueueOptions(TestBroker host, Executable executable) {
    for (Parameter parameter : executable.getParameters()) {
      Optional<Queue> queue = AnnotationSupport.findAnnotation(parameter, Queue.class);
      if (queue.isEmpty() || !supports(parameter.getType())) {
        continue;
      }
      try {
        QueueOptions options = DestinationParameter.options(queue.get());
        if (options != null) {
          host.declareQueue(queue.get().value(), options);
        }
      } catch (IllegalArgumentException | IllegalStateException e) {
        // Reported, with the parameter named, when that parameter is resolved.
      }
    }
  }

  /** See {@link CurrentHost#declareInjectedDestinations}. */
  static void declareInjected(TestBroker host, Method method, Class<?> testClass) {
    for (Parameter parameter : method.getParameters()) {
      if (supports(parameter.getType())) {
        declareAhead(
            host,
            AnnotationSupport.findAnnotation(parameter, Queue.class),
            AnnotationSupport.findAnnotation(parameter, Topic.class));
      }
    }
    for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
      for (Field field : AnnotationSupport.findAnnotatedFields(c, Queue.class)) {
        if (supports(field.getType())) {
          declareAhead(
              host, AnnotationSupport.findAnnotation(field, Queue.class), Optional.empty());
        }
      }
      for (Field field : AnnotationSupport.findAnnotatedFields(c, Topic.class)) {
        if (supports(field.getType())) {
          declareAhead(
              host, Optional.empty(), AnnotationSupport.findAnnotation(field, Topic.class));
        }
      }
    }
  }

  private static void declareAhead(TestBroker host, Optional<Queue> queue, Optional<Topic> topic) {
    if (queue.isPresent() == topic.isPresent()) {
      return;
    }
    try {
      if (topic.isPresent()) {
        String name = topic.get().value();
        if (!host.queueNames().contains(name)) {
          host.declareTopic(name);
        }
        return;
      }
      String name = queue.get().value();
      QueueOptions options = DestinationParameter.options(queue.get());
      if (options != null) {
        host.declareQueue(name, options);
      } else if (!host.queueNames().contains(name) && !host.topicNames().contains(name)) {
        host.declareQueue(name);
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      // Reported, naming the parameter or field, when it is resolved.
    }
  }

  /**
   * A new fixture of {@code type} for the annotated parameter or field, on the test's host; a
   * receiver listens from now on. A queue with options is declared with them first.
   *
   * @throws ParameterResolutionException if the type is no fixture type, a sender has a selector,
   *     or the host refuses the destination (e.g. the name is taken by the other kind, or the queue
   *     exists with other options)
   */
  static AutoCloseable create(TestBroker host, DestinationParameter destination, Class<?> type) {
    boolean queue = destination.kind() == Kind.QUEUE;
    String name = destination.name();
    String selector = destination.selector();
    try {
      if (destination.options() != null && supports(type)) {
        host.declareQueue(name, destination.options());
      }
      if (type == MessageSender.class) {
        if (!selector.isEmpty()) {
          throw new ParameterResolutionException(
              destination.description()
                  + " is a sender, and only receivers filter with a selector: remove selector"
                  + " from @"
                  + destination.annotationName()
                  + ".");
        }
        return queue ? host.queueSender(name) : host.topicSender(name);
      }
      if (type == MessageReceiver.class) {
        if (selector.isEmpty()) {
          return queue ? host.queueReceiver(name) : host.topicSubscriber(name);
        }
        return queue ? host.queueReceiver(name, selector) : host.topicSubscriber(name, selector);
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ParameterResolutionException(destination.description() + ": " + e.getMessage(), e);
    }
    throw new ParameterResolutionException(
        destination.description()
            + " has @"
            + destination.annotationName()
            + " but its type is not supported: use MessageSender or MessageReceiver ("
            + Injectables.names()
            + " need no annotation).");
  }
}
