package org.streetsense.gateway.hardware.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiMode;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.SpiDevice;
import org.streetsense.gateway.hardware.SpiOptions;

/** An {@link SpiDevice} on Pi4J SPI (linuxfs: {@code /dev/spidevB.C}). Full-duplex transfers. */
final class Pi4jSpiDevice implements SpiDevice {

  private static final Logger LOG = LoggerFactory.getLogger(Pi4jSpiDevice.class);

  private final Context context;
  private final Spi spi;
  private final SpiOptions options;
  private final String where;
  private final AtomicBoolean closed = new AtomicBoolean();

  Pi4jSpiDevice(Context context, SpiOptions options) throws HardwareIoException {
    this.context = context;
    this.options = options;
    this.where = "spidev" + options.bus() + "." + options.chipSelect();
    try {
      this.spi =
          context.create(
              Spi.newConfigBuilder(context)
                  .id(Pi4jIds.next("spi", options.bus() + "-" + options.chipSelect()))
                  .name("streetsense " + where)
                  .bus(options.bus())
                  .channel(options.chipSelect())
                  .mode(SpiMode.getByNumber(options.mode()))
                  .baud(options.clockHz())
                  .build());
    } catch (RuntimeException e) {
      throw Pi4jErrors.map(where, "open", e);
    }
  }

  @Override
  public int bus() {
    return options.bus();
  }

  @Override
  public int chipSelect() {
    return options.chipSelect();
  }

  @Override
  public byte[] transfer(byte[] tx) throws HardwareIoException {
    if (closed.get()) {
      throw new HardwareIoException(HardwareIoException.Kind.UNAVAILABLE, where + ": device is closed");
    }
    byte[] rx = new byte[tx.length];
    try {
      spi.transfer(tx, rx);
    } catch (RuntimeException e) {
      throw Pi4jErrors.map(where, "transfer " + tx.length + " bytes", e);
    }
    return rx;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        context.shutdown(spi.id());
      } catch (RuntimeException e) {
        LOG.warn("releasing {} failed", where, e);
      }
    }
  }
}
