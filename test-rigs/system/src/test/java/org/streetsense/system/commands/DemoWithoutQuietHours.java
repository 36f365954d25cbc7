package org.streetsense.system.commands;

import java.nio.file.Path;
import org.streetsense.gateway.app.DemoInstallation;
import org.streetsense.gateway.config.ConfigException;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.config.InteractionSettings;
import org.streetsense.gateway.config.QuietHoursSpec;
import org.streetsense.gateway.config.SafetySettings;

/**
 * The demo installation without its quiet hours (22:00-07:00 local), so command tests that expect
 * a light to go fully on pass at any time of day. Quiet hours have their own tests with an
 * injected clock.
 */
final class DemoWithoutQuietHours {

  private DemoWithoutQuietHours() {}

  static Installation prepare(int mqttPort, int httpPort, Path dataDir) throws ConfigException {
    Installation demo = DemoInstallation.prepare(mqttPort, httpPort, dataDir);
    InteractionSettings i = demo.interaction();
    SafetySettings s = i.safety();
    return demo.withInteraction(new InteractionSettings(
        new SafetySettings(s.timezone(), QuietHoursSpec.NONE, s.actuators()), i.reflexes(), i.osc()));
  }
}
