package org.streetsense.gateway.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.streetsense.gateway.app.FileStatus;
import org.streetsense.gateway.config.ConfigException;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.config.InstallationLoader;
import org.streetsense.gateway.http.impl.SignRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code streetsense sign --config FILE [--out DIR]}: the printable A5 sign of an installation,
 * with the citizens' page summary and a QR code leading to the page, in each of its languages.
 */
@Command(name = "sign",
    description = "Write a printable A5 sign (sign.pdf, sign-<lang>.png) with the citizens' page "
        + "summary and a QR code leading to the page (the file's publicUrl). Starts nothing.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the sign was written", "1:it could not be written (a font is missing, "
        + "the folder is not writable)", "3:the file is invalid or has no publicUrl"})
final class SignCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--config", required = true, paramLabel = "FILE",
      description = "installation file (YAML)")
  Path config;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = ".",
      description = "folder to write into (default: the current folder)")
  Path out;

  @Option(names = "--font-dir", paramLabel = "DIR",
      defaultValue = "/usr/share/fonts/truetype/dejavu",
      description = "folder with DejaVuSans.ttf and DejaVuSans-Bold.ttf (default: ${DEFAULT-VALUE})")
  Path fontDir;

  @Override
  public Integer call() {
    Installation installation;
    try {
      installation = InstallationLoader.load(config);
    } catch (ConfigException e) {
      e.errors().forEach(error -> spec.commandLine().getErr().println(error.format()));
      return ExitCodes.CONFIG_INVALID;
    }
    if (installation.identity().publicUrl().isEmpty()) {
      spec.commandLine().getErr().println(config + ": publicUrl is needed for the sign's QR "
          + "code; add e.g. publicUrl: https://kosice.example.org/public/about");
      return ExitCodes.CONFIG_INVALID;
    }
    URI url = installation.identity().publicUrl().get();
    try {
      for (Path written : SignRenderer.write(FileStatus.of(installation), url, out, fontDir)) {
        spec.commandLine().getOut().println(written);
      }
    } catch (IOException e) {
      spec.commandLine().getErr().println("sign: " + e.getMessage());
      return ExitCodes.FAILURE;
    }
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
