package org.streetsense.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code install.sh --root DIR --no-apt --no-systemctl} and {@code DESTDIR=DIR}: the image-
 * building mode, run from outside the target root (no chroot, no package installation).
 */
class InstallScriptRootDirIT {

  @Test
  void installsIntoARootDirectoryAndRerunsWithDestdirWithoutChanges() throws IOException {
    DebianRoot root = DebianRoot.unpack(
        Files.createTempDirectory(InstallScriptIT.targetDir(), "rootdir-"));
    try {
      Files.createDirectories(root.resolve("/boot/firmware"));
      Files.writeString(root.resolve("/boot/firmware/config.txt"),
          "#dtparam=i2c_arm=on\n#dtparam=i2s=on\n#dtparam=spi=on\ndtparam=audio=on\n");
      Path installer = Files.createTempDirectory(InstallScriptIT.targetDir(), "installer-");
      InstallerCopy.into(installer);
      String script = installer.resolve("deploy/install.sh").toString();
      String config = installer.resolve("installation.yaml").toString();

      Commands.Result first = Commands.run(List.of("bash", script, "--root",
              root.dir().toString(), "--no-apt", "--no-systemctl", "--config", config),
          Map.of(), Duration.ofMinutes(2)).requireSuccess();
      Map<String, String> afterFirst = TreeSnapshot.of(root.dir());
      Commands.Result second = Commands.run(List.of("bash", script, "--no-apt",
              "--no-systemctl", "--config", config),
          Map.of("DESTDIR", root.dir().toString()), Duration.ofMinutes(2)).requireSuccess();

      assertThat(first.output()).contains("changed: user streetsense",
          "note: --no-apt: not installing openjdk-17-jre-headless mosquitto");
      assertThat(second.output()).contains("nothing changed");
      assertThat(TreeSnapshot.of(root.dir())).isEqualTo(afterFirst);
      InstallAssertions.assertUserInHardwareGroups(root);
      InstallAssertions.assertInstalledFiles(root);
      InstallAssertions.assertBusesEnabled(root);
      assertThat(root.resolve("/etc/streetsense/installation.yaml"))
          .hasContent(InstallerCopy.CONFIG.strip());
    } finally {
      root.delete();
    }
  }

  @Test
  void refusesAnUnknownOptionByName() {
    Commands.Result result = Commands.run(List.of("bash",
        RepoFiles.deploy("install.sh").toString(), "--frobnicate"), Map.of(),
        Duration.ofMinutes(1));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.output()).contains("unknown option '--frobnicate'");
  }
}
