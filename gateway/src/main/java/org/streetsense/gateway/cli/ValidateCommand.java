package org.streetsense.gateway.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.streetsense.gateway.config.InstallationLoader;
import org.streetsense.gateway.config.ValidationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code streetsense validate FILE}: checks an installation file without starting anything. */
@Command(name = "validate",
    description = "Check an installation file and print every error with its line and path. Starts nothing.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the file is valid", "3:the file is invalid (every error is printed)"})
final class ValidateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "installation file (YAML)")
  Path file;

  @Override
  public Integer call() {
    ValidationReport report = InstallationLoader.check(file);
    if (report.isValid()) {
      spec.commandLine().getOut().print(report.format());
      printWarnings();
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
    spec.commandLine().getErr().println(report.format());
    spec.commandLine().getErr().flush();
    return report.exitCode();
  }

  /**
   * Lines {@code FILE: warning: ...} after {@code FILE: valid} for what is allowed but deserves a
   * second look (an Art-Net and an sACN universe that may drive one receiver universe, a strobe
   * limit above the photosensitivity guidance); the exit code stays 0.
   */
  private void printWarnings() {
    try {
      org.streetsense.gateway.config.Installation inst = InstallationLoader.load(file);
      java.util.List<String> warnings = new java.util.ArrayList<>(
          org.streetsense.gateway.dmx.DmxWarnings.of(inst.dmx().universes()));
      warnings.addAll(org.streetsense.gateway.dmx.StrobeWarnings.of(inst.dmx().fixtures()));
      for (String w : warnings) {
        spec.commandLine().getOut().println(
            org.streetsense.gateway.config.Echo.line(file.toString()) + ": warning: " + w);
      }
      spec.commandLine().getOut().flush();
    } catch (org.streetsense.gateway.config.ConfigException e) {
      // valid by check() a moment ago: nothing more to say
    }
  }
}
