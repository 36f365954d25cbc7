package org.streetsense.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs {@code deploy/install.sh} twice inside a fresh Debian bookworm root made by
 * {@code debootstrap} (chroot, with apt installing the JRE and Mosquitto from the Debian mirror)
 * and checks what it set up, and that the second run changed nothing at all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InstallScriptIT {

  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);
  private static final String PI_CONFIG_TXT = String.join("\n",
      "# For more options and information see", "#dtparam=i2c_arm=on", "#dtparam=i2s=on",
      "#dtparam=spi=on", "dtparam=audio=on", "");

  private DebianRoot root;
  private Commands.Result firstRun;
  private Commands.Result secondRun;
  private Map<String, String> afterFirstRun;
  private Map<String, String> afterSecondRun;

  @BeforeAll
  void installTwiceIntoAFreshRoot() throws IOException {
    root = DebianRoot.unpack(Files.createTempDirectory(targetDir(), "chroot-"));
    Files.createDirectories(root.resolve("/boot/firmware"));
    Files.writeString(root.resolve("/boot/firmware/config.txt"), PI_CONFIG_TXT);
    InstallerCopy.into(root.resolve("/tmp/streetsense-install"));
    root.prepareForFastApt();

    List<String> install = List.of("bash", "/tmp/streetsense-install/deploy/install.sh",
        "--no-systemctl", "--config", "/tmp/streetsense-install/installation.yaml");
    firstRun = root.chroot(INSTALL_TIMEOUT, install.toArray(String[]::new)).requireSuccess();
    root.keepDownloadedPackages();
    afterFirstRun = TreeSnapshot.of(root.dir());
    secondRun = root.chroot(INSTALL_TIMEOUT, install.toArray(String[]::new)).requireSuccess();
    afterSecondRun = TreeSnapshot.of(root.dir());
  }

  @AfterAll
  void deleteRoot() {
    if (root != null) {
      root.delete();
    }
  }

  @Test
  void secondRunChangesNothing() {
    assertThat(firstRun.output()).contains("changed: packages openjdk-17-jre-headless mosquitto");
    assertThat(secondRun.output()).contains("streetsense: already installed, nothing changed")
        .doesNotContain("changed:");
    assertThat(afterSecondRun).isEqualTo(afterFirstRun);
  }

  @Test
  void installsARunnableJreAndMosquitto() {
    Commands.Result java = root.chroot(Duration.ofMinutes(1), "java", "-version").requireSuccess();
    assertThat(java.output()).contains("openjdk version \"17.");
    assertThat(root.chroot(Duration.ofMinutes(1), "dpkg-query", "-W", "-f=${Status}",
        "mosquitto").requireSuccess().output()).isEqualTo("install ok installed");
  }

  @Test
  void createsTheServiceUserInTheHardwareGroups() {
    String passwd = root.chroot(Duration.ofMinutes(1), "getent", "passwd", "streetsense")
        .requireSuccess().output().strip();
    String[] fields = passwd.split(":");
    assertThat(Integer.parseInt(fields[2])).isLessThan(1000);
    assertThat(fields[5]).isEqualTo("/var/lib/streetsense");
    assertThat(fields[6]).isEqualTo("/usr/sbin/nologin");
    String groups = root.chroot(Duration.ofMinutes(1), "id", "-nG", "streetsense")
        .requireSuccess().output();
    assertThat(groups.split("\\s+"))
        .contains("streetsense", "gpio", "i2c", "spi", "dialout");
  }

  @Test
  void installsFilesWithTheirOwnersAndModes() throws IOException {
    InstallAssertions.assertInstalledFiles(root);
  }

  @Test
  void enablesI2cAndSpiInTheBootConfigOnce() throws IOException {
    InstallAssertions.assertBusesEnabled(root);
  }

  @Test
  void keepsAnExistingInstallationConfig() throws IOException {
    Path config = root.resolve("/etc/streetsense/installation.yaml");
    Files.writeString(config, "installation: edited-by-technician\n");

    Commands.Result again = root.chroot(INSTALL_TIMEOUT, "bash",
        "/tmp/streetsense-install/deploy/install.sh", "--no-systemctl", "--config",
        "/tmp/streetsense-install/installation.yaml").requireSuccess();

    assertThat(Files.readString(config)).isEqualTo("installation: edited-by-technician\n");
    assertThat(again.output()).contains("kept the existing /etc/streetsense/installation.yaml");
  }

  static Path targetDir() throws IOException {
    return Files.createDirectories(Path.of("target", "deploy-roots").toAbsolutePath());
  }
}
