package io.github.qpidharness.junit5;

import io.github.qpidharness.internal.Names;
import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/** A parameter's {@link Queue @Queue} or {@link Topic @Topic}, checked, with its description. */
record DestinationParameter(Kind kind, String name, String selector, String description) {

  /** Whether the destination is a queue (competing consumers) or a topic (copies). */
  enum Kind {
    QUEUE,
    TOPIC
  }

  /**
   * Reads and checks the parameter's destination annotation.
   *
   * @throws ParameterResolutionException if it has none, both, or an invalid name
   */
  static DestinationParameter of(ParameterContext parameter) {
    String description = describe(parameter);
    Optional<Queue> queue = parameter.findAnnotation(Queue.class);
    Optional<Topic> topic = parameter.findAnnotation(Topic.class);
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
    return new DestinationParameter(kind, name, selector, description);
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
    return "Parameter ["
        + parameter.getIndex()
        + "] \""
        + p.getType().getSimpleName()
        + name
        + "\" of method "
        + executable.getDeclaringClass().getSimpleName()
        + "."
        + executable.getName()
        + types;
  }

  private static String annotationName(Kind kind) {
    return kind == Kind.QUEUE ? "Queue" : "Topic";
  }
}
