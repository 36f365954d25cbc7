package org.streetsense.gateway.hardware.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Vl53l0xRegistersTest {

  @Test
  void theDefaultTuningCannotBeChangedByAnyCode() {
    assertThatThrownBy(() -> Vl53l0xRegisters.DEFAULT_TUNING.set(1, 0x00))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(Vl53l0xRegisters.DEFAULT_TUNING).hasSize(160)
        .startsWith(0xFF, 0x01, 0x00, 0x00).endsWith(0xFF, 0x00, 0x80, 0x00);
  }
}
