package io.github.qpidharness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutgoingMessageTest {

  @Test
  void propertyNameMustStartWithAJavaIdentifierStart() {
    assertThatThrownBy(() -> OutgoingMessage.text("x").withProperty("1st", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Property name \"1st\" is not a JMS identifier: it must start with a Java identifier"
                + " start character (a letter, '_' or '$'), not '1'.");
  }

  @Test
  void propertyNameMustContainOnlyJavaIdentifierParts() {
    assertThatThrownBy(() -> OutgoingMessage.text("x").withProperty("order-id", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Property name \"order-id\" is not a JMS identifier: the character '-' at index 5 is"
                + " not a Java identifier part (use letters, digits, '_' or '$').");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN", "LIKE", "IN", "IS", "ESCAPE",
        "null", "And", "escape"
      })
  void selectorKeywordsAreReservedInAnyCase(String name) {
    assertThatThrownBy(() -> OutgoingMessage.text("x").withProperty(name, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Property name \""
                + name
                + "\" is a reserved word of the JMS selector syntax (NULL, TRUE, FALSE, NOT, AND,"
                + " OR, BETWEEN, LIKE, IN, IS, ESCAPE; in any case): choose another name.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"JMSXGroupID", "JMS_vendor", "JMSType", "JMSCustom"})
  void namesStartingWithJmsAreReserved(String name) {
    assertThatThrownBy(() -> OutgoingMessage.text("x").withProperty(name, "v"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Property name \""
                + name
                + "\" starts with \"JMS\", which the JMS specification reserves (JMSX... for"
                + " JMS-defined properties, JMS_... for the provider, JMS... for header fields):"
                + " choose a name that does not start with \"JMS\".");
  }

  @Test
  void emptyAndNullNamesAreRejected() {
    assertThatThrownBy(() -> OutgoingMessage.text("x").withProperty("", 1))
        .hasMessage(
            "Property name must not be empty: JMS property names are identifiers such as \"type\""
                + " or \"orderId\".");
    Map<String, Object> withNullName = new HashMap<>();
    withNullName.put(null, 1);
    assertThatThrownBy(() -> OutgoingMessage.text("x").withProperties(withNullName))
        .hasMessageStartingWith("Property name must not be null:");
  }

  @Test
  void valuesOfOtherTypesAreRejectedNamingTheProperty() {
    assertThatThrownBy(() -> OutgoingMessage.text("x").withProperty("amount", BigDecimal.ONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Property \"amount\" has a value of type java.math.BigDecimal, which JMS properties"
                + " cannot carry: use String, Boolean, Byte, Short, Integer, Long, Float, Double or"
                + " null.");
    assertThatThrownBy(() -> OutgoingMessage.text("x").withProperty("letter", 'c'))
        .hasMessageStartingWith("Property \"letter\" has a value of type java.lang.Character,");
  }

  @Test
  void lowercaseWordsThatOnlyResembleKeywordsAndUnicodeNamesAreAccepted() {
    OutgoingMessage message =
        OutgoingMessage.text("x")
            .withProperty("nullable", 1)
            .withProperty("jmsLike", 2)
            .withProperty("größe", 3)
            .withProperty("名前", 4)
            .withProperty("$_x9", null);

    assertThat(message.properties()).containsOnlyKeys("nullable", "jmsLike", "größe", "名前", "$_x9");
  }

  @Test
  void mapBodyValuesAreChecked() {
    assertThatThrownBy(() -> OutgoingMessage.map(Map.of("when", Duration.ZERO)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Map body entry \"when\" has a value of type java.time.Duration, which a MapMessage"
                + " cannot carry: use String, Boolean, Byte, Short, Character, Integer, Long, Float,"
                + " Double, byte[] or null.");
  }

  @Test
  void headersAreChecked() {
    OutgoingMessage message = OutgoingMessage.text("x");
    assertThatThrownBy(() -> message.withPriority(10))
        .hasMessage("Priority must be between 0 and 9 but was 10; JMS uses 4 by default.");
    assertThatThrownBy(() -> message.withDeliveryMode(3))
        .hasMessage(
            "Delivery mode must be DeliveryMode.PERSISTENT (2) or DeliveryMode.NON_PERSISTENT (1)"
                + " but was 3.");
    assertThatThrownBy(() -> message.withTimeToLive(Duration.ofSeconds(-1)))
        .hasMessage(
            "Time to live must be zero (never expires) or positive but was PT-1S; use e.g."
                + " Duration.ofSeconds(30).");
  }

  @Test
  void isImmutable() {
    byte[] bytes = {1, 2};
    OutgoingMessage message = OutgoingMessage.bytes(bytes);
    bytes[0] = 9;
    message.bytes()[1] = 9;

    OutgoingMessage withProperty = message.withProperty("a", 1);

    assertThat(message.bytes()).containsExactly(1, 2);
    assertThat(message.properties()).isEmpty();
    assertThat(withProperty.properties()).containsEntry("a", 1);
    assertThatThrownBy(() -> withProperty.properties().put("b", 2))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(message::text)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("text() needs a TEXT body but this message has a BYTES body.");
  }
}
