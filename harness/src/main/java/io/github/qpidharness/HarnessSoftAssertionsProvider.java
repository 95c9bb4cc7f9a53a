package io.github.qpidharness;

import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * The harness's assertions as AssertJ soft assertions: mix this interface into a soft-assertions
 * class (e.g. {@code class Softly extends SoftAssertions implements HarnessSoftAssertionsProvider
 * {}}) to collect failures of AssertJ's and the harness's assertions together, or use {@link
 * HarnessSoftAssertions}.
 *
 * <p>A {@code receivesMessage...} check that finds no message records its failure and hands back
 * assertions on a stand-in, so the chain goes on; their checks fail as "actual is null" under a
 * description that names the missing message.
 */
public interface HarnessSoftAssertionsProvider extends SoftAssertionsProvider {

  /** Soft assertions on what a receiver collects. */
  default ReceiverAssert assertThat(MessageReceiver receiver) {
    return proxy(ReceiverAssert.class, MessageReceiver.class, receiver).softly(this);
  }

  /** Soft assertions on what a host's destinations received. */
  default MessageJournalAssert assertThat(MessageJournal journal) {
    return proxy(MessageJournalAssert.class, MessageJournal.class, journal).softly(this);
  }

  /** Soft assertions on one received message. */
  default ReceivedMessageAssert assertThat(ReceivedMessage message) {
    return proxy(ReceivedMessageAssert.class, ReceivedMessage.class, message);
  }

  /** Soft assertions on several receivers together: fan-out and competing consumers. */
  default ReceiversAssert assertThatReceivers(CollectedMessages... receivers) {
    return assertThatReceivers(receivers == null ? null : Arrays.asList(receivers));
  }

  /** Soft assertions on several receivers together: fan-out and competing consumers. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  default ReceiversAssert assertThatReceivers(List<? extends CollectedMessages> receivers) {
    List checked = HarnessAssertions.receivers(receivers);
    return proxy(ReceiversAssert.class, List.class, checked);
  }
}
