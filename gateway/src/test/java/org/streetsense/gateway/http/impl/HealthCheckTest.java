package org.streetsense.gateway.http.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.http.FakeGatewayStatus;
import org.streetsense.gateway.http.HealthThresholds;
import org.streetsense.gateway.status.DeviceState;
import org.streetsense.gateway.status.ListenerStatus;
import org.streetsense.gateway.status.UplinkStatus;

class HealthCheckTest {

  private final FakeGatewayStatus status = new FakeGatewayStatus();
  private final HealthCheck check = new HealthCheck(status, HealthThresholds.DEFAULT);

  @Test
  void readyWithoutReasonsWhenAllIsWell() {
    HealthReport report = check.evaluate();
    assertThat(report.live()).isTrue();
    assertThat(report.ready()).isTrue();
    assertThat(report.reasons()).isEmpty();
  }

  @Test
  void namesEveryReasonForNotBeingReady() {
    status.setUplink(FakeGatewayStatus.uplink(false, 5000, 0.937));
    status.setDevice("air-1", DeviceState.FAULT, "I2C read failed: Remote I/O error");
    status.setDevice("light-1", DeviceState.ABSENT, null);
    HealthReport report = check.evaluate();
    assertThat(report.ready()).isFalse();
    assertThat(report.reasons()).containsExactly("broker down", "device air-1 fault",
        "device light-1 absent", "spool at 93% of cap");
    assertThat(report.toJson().encode()).isEqualTo("{\"live\":true,\"ready\":false,\"reasons\":"
        + "[\"broker down\",\"device air-1 fault\",\"device light-1 absent\","
        + "\"spool at 93% of cap\"],\"config\":{\"version\":0,\"digest\":"
        + "\"sha256:9c1d5f0e51d3b8a7c6e5f4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a090\"}}");
  }

  @Test
  void aListenerWhoseReceiveLoopIsDownMakesTheGatewayNotReadyAndIsNamed() {
    status.setListeners(List.of(new ListenerStatus("osc-in", true, 0, "")));
    assertThat(check.evaluate().ready()).isTrue();

    status.setListeners(List.of(new ListenerStatus("osc-in", false, 3,
        "cannot bind /127.0.0.1:9000: Address already in use")));
    HealthReport report = check.evaluate();
    assertThat(report.ready()).isFalse();
    assertThat(report.reasons()).containsExactly(
        "listener osc-in down: cannot bind /127.0.0.1:9000: Address already in use");
    // the example in docs/http.md
    assertThat(report.toJson().encode()).isEqualTo("{\"live\":true,\"ready\":false,\"reasons\":"
        + "[\"listener osc-in down: cannot bind /127.0.0.1:9000: Address already in use\"],"
        + "\"config\":{\"version\":0,\"digest\":"
        + "\"sha256:9c1d5f0e51d3b8a7c6e5f4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a090\"}}");
  }

  @Test
  void aProbableClientIdTakeoverIsAReasonEvenWhenTheBrokerIsNotRequired() {
    UplinkStatus u = FakeGatewayStatus.uplink(true, 0, 0);
    status.setUplink(new UplinkStatus(u.connected(), u.brokerUrl(), u.backlogDepth(),
        u.spoolFill(), u.oldestUnsentAge(), u.dropsByReason(), u.reconnects(),
        u.replayInProgress(), u.replayProgress(), true));
    HealthCheck lenient = new HealthCheck(status, new HealthThresholds(0.5, false, false));
    HealthReport report = lenient.evaluate();
    assertThat(report.ready()).isFalse();
    assertThat(report.reasons()).containsExactly(HealthCheck.TAKEOVER);
    assertThat(HealthCheck.TAKEOVER).startsWith("client id takeover");
  }

  @Test
  void spoolBelowTheLimitIsNoReason() {
    status.setUplink(FakeGatewayStatus.uplink(true, 10, 0.89));
    assertThat(check.evaluate().ready()).isTrue();
  }

  @Test
  void thresholdsCanIgnoreBrokerAndDevices() {
    status.setUplink(FakeGatewayStatus.uplink(false, 0, 0));
    status.setDevice("air-1", DeviceState.FAULT, "broken");
    HealthCheck lenient = new HealthCheck(status, new HealthThresholds(0.5, false, false));
    assertThat(lenient.evaluate().ready()).isTrue();
  }
}
