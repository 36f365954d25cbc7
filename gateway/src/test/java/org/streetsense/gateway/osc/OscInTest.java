package org.streetsense.gateway.osc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streetsense.gateway.actuator.Actuator;
import org.streetsense.gateway.actuator.ActuatorKind;
import org.streetsense.gateway.actuator.Operation;
import org.streetsense.gateway.actuator.RejectReason;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.command.CommandProcessor;
import org.streetsense.gateway.command.CommandProcessorOptions;
import org.streetsense.gateway.command.RecordingActuator;
import org.streetsense.gateway.safety.ActuatorLimits;
import org.streetsense.gateway.safety.QuietHours;
import org.streetsense.gateway.safety.SafetyPolicy;
import org.streetsense.gateway.status.ListenerStatus;
import org.streetsense.harness.OscPackets;

/** The OSC input on a real loopback socket: malformed datagrams, a failing socket, a flood. */
@Timeout(60)
class OscInTest {

  private static final String SET = "/streetsense/led-2/set";
  private final RecordingActuator led = new RecordingActuator("led-2", ActuatorKind.LIGHT, 0.0);
  private final DatagramSocket sender;
  private CommandProcessor processor;
  private OscIn in;

  OscInTest() throws IOException {
    sender = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  @AfterEach
  void tearDown() {
    if (in != null) {
      in.close();
    }
    if (processor != null) {
      processor.close();
    }
    sender.close();
  }

  private static SafetyPolicy policy(String actuator) {
    return new SafetyPolicy(List.of(ActuatorLimits.builder(actuator)
        .operations(EnumSet.of(Operation.SET, Operation.FADE)).build()),
        QuietHours.none(), System::currentTimeMillis, System::nanoTime);
  }

  private OscIn start(Actuator actuator, CommandProcessorOptions processorOptions, OscInOptions options)
      throws IOException {
    processor = new CommandProcessor(List.of(actuator), policy(actuator.id()), TimeSource.system(),
        processorOptions);
    in = new OscIn(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "/streetsense",
        processor, TimeSource.system(), options);
    in.start();
    return in;
  }

  private void send(byte[] datagram) throws IOException {
    sender.send(new DatagramPacket(datagram, datagram.length, in.localAddress()));
  }

  @Test
  void survivesEveryMalformedShapeCountsEachByReasonAndStillExecutesTheNextCommand() throws Exception {
    start(led, CommandProcessorOptions.defaults(), OscInOptions.defaults());
    List<OscPackets.Shape> shapes = OscPackets.malformed(SET);
    for (OscPackets.Shape shape : shapes) {
      long before = in.stats().droppedTotal();
      send(shape.bytes());
      await(shape.name()).atMost(Duration.ofSeconds(10))
          .until(() -> in.stats().droppedTotal() == before + 1);
    }
    for (OscDropReason r : OscDropReason.values()) {
      long expected = shapes.stream().filter(s -> s.reason().equals(r.wireName())).count();
      assertThat(in.stats().droppedCount(r)).as(r.wireName()).isEqualTo(expected);
    }

    send(OscPackets.message(SET, 0.5f));
    await().atMost(Duration.ofSeconds(10)).until(() -> led.applied().contains(0.5));
    assertThat(in.status()).isEqualTo(new ListenerStatus("osc-in", true, 0, ""));
    assertThat(in.stats().receivedCount()).isEqualTo(shapes.size() + 1L);
    assertThat(processor.stats().rejectedCount(RejectReason.MALFORMED)).isZero();
  }

  @Test
  void aFailureWhileHandlingADecodedMessageIsCountedAndTheListenerGoesOn() throws Exception {
    java.util.concurrent.atomic.AtomicBoolean clockBroken = new java.util.concurrent.atomic.AtomicBoolean(true);
    TimeSource flaky = new TimeSource() {
      @Override
      public long wallMillis() {
        if (clockBroken.get()) {
          throw new IllegalStateException("wall clock unreadable");
        }
        return System.currentTimeMillis();
      }

      @Override
      public long monotonicNanos() {
        return System.nanoTime();
      }
    };
    processor = new CommandProcessor(List.of(led), policy("led-2"), TimeSource.system(),
        CommandProcessorOptions.defaults());
    in = new OscIn(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "/streetsense",
        processor, flaky, OscInOptions.defaults());
    in.start();

    send(OscPackets.message(SET, 0.5f));
    await().atMost(Duration.ofSeconds(10))
        .until(() -> in.stats().droppedCount(OscDropReason.INTERNAL_ERROR) == 1);
    assertThat(in.stats().decodedCount()).isZero();
    clockBroken.set(false);
    send(OscPackets.message(SET, 0.5f));
    await().atMost(Duration.ofSeconds(10)).until(() -> led.applied().contains(0.5));
    assertThat(in.status().up()).isTrue();
    assertThat(in.stats().restartCount()).isZero();
  }

  @Test
  void restartsTheReceiveThreadWhenItsSocketFailsAndCountsTheRestart() throws Exception {
    start(led, CommandProcessorOptions.defaults(),
        OscInOptions.defaults().withRestartBackoff(Duration.ofMillis(20), Duration.ofSeconds(1)));
    in.socketForTests().close();

    await().atMost(Duration.ofSeconds(10)).until(() -> in.stats().restartCount() == 1 && in.status().up());
    send(OscPackets.message(SET, 0.25f));
    await().atMost(Duration.ofSeconds(10)).until(() -> led.applied().contains(0.25));
  }

  @Test
  void aPortTakenAtStartIsNotFatalTheInputIsDownUntilItCanBindAndThenWorks() throws Exception {
    DatagramSocket squatter = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    InetSocketAddress address = (InetSocketAddress) squatter.getLocalSocketAddress();
    processor = new CommandProcessor(List.of(led), policy(led.id()), TimeSource.system(),
        CommandProcessorOptions.defaults());
    in = OscIn.bindingWhenFree(address, "/streetsense", processor, TimeSource.system(),
        OscInOptions.defaults().withRestartBackoff(Duration.ofMillis(50), Duration.ofMillis(200)));
    try {
      in.start();
      ListenerStatus down = in.status();
      assertThat(down.up()).isFalse();
      assertThat(down.detail()).isEqualTo("cannot bind " + address + ": Address already in use");
    } finally {
      squatter.close();
    }
    await().atMost(Duration.ofSeconds(15)).until(() -> in.status().up());
    send(OscPackets.message(SET, 0.5f));
    await().atMost(Duration.ofSeconds(10)).until(() -> led.applied().contains(0.5));
  }

  @Test
  void reportsTheListenerDownWhileItsPortIsTakenAndComesBackWhenFree() throws Exception {
    start(led, CommandProcessorOptions.defaults(),
        OscInOptions.defaults().withRestartBackoff(Duration.ofSeconds(3), Duration.ofSeconds(3)));
    InetSocketAddress address = in.localAddress();
    in.socketForTests().close();
    // another program takes the port before the restart (3 s later) can bind it again; the
    // closed socket releases the port once its receive call has returned
    DatagramSocket[] taken = new DatagramSocket[1];
    await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10))
        .ignoreExceptionsInstanceOf(java.net.BindException.class)
        .until(() -> (taken[0] = new DatagramSocket(address)) != null);
    try (DatagramSocket squatter = taken[0]) {
      assertThat(squatter.isBound()).isTrue();
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        ListenerStatus s = in.status();
        assertThat(s.up()).isFalse();
        assertThat(s.detail()).isEqualTo("cannot bind " + address + ": Address already in use");
      });
      assertThat(in.stats().restartCount()).isZero();
    }
    await().atMost(Duration.ofSeconds(15)).until(() -> in.status().up());
    assertThat(in.stats().restartCount()).isEqualTo(1);
    send(OscPackets.message(SET, 0.75f));
    await().atMost(Duration.ofSeconds(10)).until(() -> led.applied().contains(0.75));
  }

  @Test
  void aFloodOfValidCommandsIsRefusedAtTheProcessorsBoundedQueueAndTheListenerStaysUp() throws Exception {
    SlowActuator slow = new SlowActuator();
    start(slow, new CommandProcessorOptions(4096, 8, Duration.ofMillis(20), Duration.ofMillis(250)), OscInOptions.defaults());
    byte[] command = OscPackets.message("/streetsense/slow/set", 0.5f);
    for (int i = 0; i < 2_000; i++) {
      send(command);
    }
    await().atMost(Duration.ofSeconds(20))
        .until(() -> processor.stats().rejectedCount(RejectReason.OVERLOADED) > 0);
    await().atMost(Duration.ofSeconds(20)).until(() -> in.stats().messageCount()
        == processor.stats().acceptedCount() + processor.stats().rejectedTotal());
    assertThat(in.status().up()).isTrue();
    assertThat(in.stats().droppedTotal()).isZero();
  }

  /** An output whose every write takes 5 ms, so commands pile up at the processor. */
  private static final class SlowActuator implements Actuator {
    private volatile double level;

    @Override
    public String id() {
      return "slow";
    }

    @Override
    public ActuatorKind kind() {
      return ActuatorKind.LIGHT;
    }

    @Override
    public double level() {
      return level;
    }

    @Override
    public double safeLevel() {
      return 0;
    }

    @Override
    public void apply(double newLevel) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      level = newLevel;
    }

    @Override
    public void toSafeState() {
      level = 0;
    }

    @Override
    public void close() {
      level = 0;
    }
  }
}
