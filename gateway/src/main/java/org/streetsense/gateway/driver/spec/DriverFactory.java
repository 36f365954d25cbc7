package org.streetsense.gateway.driver.spec;

import org.streetsense.gateway.driver.DeviceOptions;
import org.streetsense.gateway.driver.Driver;

/** Creates a device's driver from its driver options; a bad option throws IllegalArgumentException. */
@FunctionalInterface
public interface DriverFactory {
  Driver create(DeviceOptions options);
}
