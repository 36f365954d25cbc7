package org.streetsense.gateway.http.impl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.streetsense.gateway.http.FakeGatewayStatus;
import org.streetsense.gateway.status.UplinkStatus;

class StatusJsonUplinkTest {

  @Test
  void theUplinkSaysWhetherAClientIdTakeoverIsProbable() {
    UplinkStatus u = FakeGatewayStatus.uplink(false, 0, 0);
    UplinkStatus takenOver = new UplinkStatus(u.connected(), u.brokerUrl(), u.backlogDepth(),
        u.spoolFill(), u.oldestUnsentAge(), u.dropsByReason(), u.reconnects(),
        u.replayInProgress(), u.replayProgress(), true);

    assertThat(StatusJson.uplink(u).getBoolean("takeover")).isFalse();
    assertThat(StatusJson.uplink(takenOver).getBoolean("takeover")).isTrue();
  }
}
