package io.github.qpidharness.junit5;

import io.github.qpidharness.QueueOptions;
import io.github.qpidharness.internal.Names;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Parameter;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A parameter's or field's {@link Queue @Queue} or {@link Topic @Topic}, checked, with its
 * description and, for a queue, the options to declare it with ({@code null} for none).
 */
record DestinationParameter(
    Kind kind, String name, String selector, QueueOptions options, String description) {

  /** Whether the destination is a queue (competing consumers) or a topic (copies). */
  enum Kind {
    QUEUE,
    TOPIC
  }

  /**
   * Reads and checks the parameter's destination annotation.
   *
   * @throws ParameterResolutionException if it has none, both, an invalid name or invalid options
   */
  static DestinationParameter of(ParameterContext parameter) {
    return of(
        parameter.findAnnotation(Queue.class),
        parameter.findAnnotation(Topic.class),
        describe(parameter));
  }

  /** Reads and checks the field's destination annotation, like {@link #of(ParameterContext)}. */
  static DestinationParameter of(Field field) {
    return of(
        AnnotationSupport.findAnnotation(field, Queue.class),
        AnnotationSupport.findAnnotation(field, Topic.class),
        describe(field));
  }

  private static DestinationParameter of(
      Optional<Queue> queue, Optional<Topic> topic, String description) {
    if (queue.isPresent() && topic.isPresent()) {
      throw new ParameterResolutionException(
          description + " has both @Queue and @Topic: keep the one it should use.");
    }
    if (queue.isEmpty() && topic.isEmpty()) {
      throw new ParameterResolutionException(
          description
              + " needs a destination: annotate it with @Queue(\"name\") or @Topic(\"name\").");
    }
    Kind kind = queue.isPresent() ? Kind.QUEUE : Kind.TOPIC;
    String name = queue.map(Queue::value).orElseGet(() -> topic.get().value());
    String selector = queue.map(Queue::selector).orElseGet(() -> topic.get().selector());
    try {
      Names.requireValidDestination(kind.name().toLowerCase(Locale.ROOT), name);
    } catch (IllegalArgumentException e) {
      throw new ParameterResolutionException(
          description + ": " + e.getMessage() + " Fix the name in @" + annotationName(kind) + ".",
          e);
    }
    QueueOptions options = null;
    if (queue.isPresent()) {
      try {
        options = options(queue.get());
      } catch (IllegalArgumentException e) {
        throw new ParameterResolutionException(
            description + ": " + e.getMessage() + " Fix it in @Queue.", e);
      }
    }
    return new DestinationParameter(kind, name, selector, options, description);
  }

  /** The options the annotation asks for, or null if it asks for none (any existing queue fits). */
  static QueueOptions options(Queue queue) {
    boolean none =
        queue.priorities() == 0
            && queue.maximumDeliveryAttempts() == 0
            && queue.deadLetterQueue().isEmpty();
    if (none) {
      return null;
    }
    QueueOptions options =
        queue.priorities() == 0
            ? QueueOptions.standard()
            : QueueOptions.priority(queue.priorities());
    if (queue.maximumDeliveryAttempts() != 0) {
      options = options.withMaximumDeliveryAttempts(queue.maximumDeliveryAttempts());
    }
    if (!queue.deadLetterQueue().isEmpty()) {
      options = options.withDeadLetterQueue(queue.deadLetterQueue());
    }
    return options;
  }

  String annotationName() {
    return annotationName(kind);
  }

  /**
   * E.g. {@code parameter [0] "MessageSender sender" of method OrdersTest.places(MessageSender)}.
   */
  static String describe(ParameterContext parameter) {
    Parameter p = parameter.getParameter();
    Executable executable = parameter.getDeclaringExecutable();
    StringJoiner types = new StringJoiner(", ", "(", ")");
    for (Class<?> type : executable.getParameterTypes()) {
      types.add(type.getSimpleName());
    }
    String name = p.isNamePresent() ? " " + p.getName() : "";
    String owner = executable.getDeclaringClass().getSimpleName();
    return "Parameter ["
        + parameter.getIndex()
        + "] \""
        + p.getType().getSimpleName()
        + name
        + (executable instanceof Constructor<?>
            ? "\" of constructor " + owner
            : "\" of method " + owner + "." + executable.getName())
        + types;
  }

  /** E.g. {@code Field "MessageReceiver orders" of class OrdersTest}. */
  static String describe(Field field) {
    return "Field \""
        + field.getType().getSimpleName()
        + " "
        + field.getName()
        + "\" of class "
        + field.getDeclaringClass().getSimpleName();
  }

  private static String annotationName(Kind kind) {
    return kind == Kind.QUEUE ? "Queue" : "Topic";
  }
}
