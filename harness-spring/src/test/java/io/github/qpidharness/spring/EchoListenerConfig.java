package io.github.qpidharness.spring;

import jakarta.jms.ConnectionFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jms.annotation.JmsListener;
import org.springframework.jms.core.JmsTemplate;

/** A context whose listener answers each request on "requests" with "echo ..." on "replies". */
@Configuration
@Import(ListenerTestConfig.class)
public class EchoListenerConfig {
  @Bean
  Echo echo(ConnectionFactory factory) {
    return new Echo(new JmsTemplate(factory));
  }

  static class Echo {
    private final JmsTemplate jms;

    Echo(JmsTemplate jms) {
      this.jms = jms;
    }

    @JmsListener(destination = "requests")
    void onRequest(String text) {
      jms.convertAndSend("replies", "echo " + text);
    }
  }
}
