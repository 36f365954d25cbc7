package org.streetsense.gateway.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.streetsense.gateway.app.SimulatedInstallation;
import org.streetsense.gateway.config.BackendKind;
import org.streetsense.gateway.config.ConfigError;
import org.streetsense.gateway.config.ConfigException;
import org.streetsense.gateway.config.Connection;
import org.streetsense.gateway.config.DeviceSpec;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.config.InstallationLoader;
import org.streetsense.gateway.hardware.HardwareBackend;
import org.streetsense.gateway.hardware.pi4j.Pi4jBackend;
import org.streetsense.gateway.hardware.simulated.SimulatedBackend;
import org.streetsense.gateway.probe.ExpectedDevice;
import org.streetsense.gateway.probe.I2cProbe;
import org.streetsense.gateway.probe.ProbeReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code streetsense probe --config FILE}: scans the I2C buses the installation uses, says which
 * known chips answer where (checked by chip id), and compares that with the file. Run it with the
 * gateway stopped: probing resets some chips.
 */
@Command(name = "probe",
    description = "Scan the configured I2C buses and compare the chips found with the installation file.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every configured chip answered with the right identity",
        "3:the installation file is invalid", "4:something is missing, unexpected or not the configured chip"})
final class ProbeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "installation file (YAML)")
  Path config;

  @Override
  public Integer call() {
    Installation inst;
    try {
      inst = InstallationLoader.load(config);
    } catch (ConfigException e) {
      e.errors().stream().map(ConfigError::format).forEach(spec.commandLine().getErr()::println);
      spec.commandLine().getErr().flush();
      return ExitCodes.CONFIG_INVALID;
    }
    List<ExpectedDevice> expected = new ArrayList<>();
    for (DeviceSpec d : inst.devices()) {
      if (d.connection() instanceof Connection.I2c i2c) {
        expected.add(new ExpectedDevice(d.id(), i2c.bus(), i2c.address(), d.driver().configName()));
      }
    }
    try (HardwareBackend backend = backend(inst)) {
      ProbeReport report = new I2cProbe(backend).probe(expected);
      spec.commandLine().getOut().println(report.format());
      spec.commandLine().getOut().flush();
      return report.ok() ? ExitCodes.OK : ExitCodes.PROBE_MISMATCH;
    }
  }

  private static HardwareBackend backend(Installation inst) {
    if (inst.hardware().backend() == BackendKind.SIMULATED) {
      SimulatedBackend sim = SimulatedBackend.builder().seed(inst.hardware().seed()).build();
      SimulatedInstallation.populate(sim, inst);
      return sim;
    }
    return Pi4jBackend.forRaspberryPi();
  }
}
