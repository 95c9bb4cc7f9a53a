package io.github.qpidharness;

/** The kind of body a message carries, matching the JMS message types the harness supports. */
public enum BodyType {
  /** A {@code TextMessage}: a string. */
  TEXT,
  /** A {@code BytesMessage}: raw bytes. */
  BYTES,
  /** A {@code MapMessage}: named values of the JMS primitive types, strings and byte arrays. */
  MAP,
  /** An {@code ObjectMessage}: a serialized Java object, subject to the allow-list. */
  OBJECT,
  /** A plain {@code Message} without a body. */
  NONE,
  /** A {@code StreamMessage} or another body the harness does not read. */
  OTHER
}
