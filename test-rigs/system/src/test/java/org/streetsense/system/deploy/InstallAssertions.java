package org.streetsense.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/** What {@code install.sh} must have left in a root, whichever way it was run. */
final class InstallAssertions {

  private InstallAssertions() {}

  static void assertInstalledFiles(DebianRoot root) throws IOException {
    String user = idOf(root, "passwd", "streetsense");
    String group = idOf(root, "group", "streetsense");
    assertMeta(root, "/opt/streetsense", "755", "0:0");
    assertMeta(root, "/opt/streetsense/streetsense.jar", "644", "0:0");
    assertMeta(root, "/opt/streetsense/docs/deploy.md", "644", "0:0");
    assertMeta(root, "/usr/local/bin/streetsense", "755", "0:0");
    assertMeta(root, "/opt/streetsense/bin", "755", "0:0");
    assertMeta(root, "/opt/streetsense/bin/streetsense-launch", "755", "0:0");
    assertThat(root.resolve("/opt/streetsense/bin/streetsense-launch"))
        .hasSameTextualContentAs(RepoFiles.deploy("bin/streetsense-launch"));
    assertMeta(root, "/etc/systemd/system/streetsense.service", "644", "0:0");
    assertMeta(root, "/etc/udev/rules.d/60-streetsense.rules", "644", "0:0");
    assertMeta(root, "/etc/streetsense", "750", "0:" + group);
    assertMeta(root, "/etc/streetsense/installation.yaml", "640", "0:" + group);
    assertMeta(root, "/etc/streetsense/streetsense.env", "640", "0:" + group);
    assertMeta(root, "/var/lib/streetsense", "750", user + ":" + group);
    assertThat(root.resolve("/etc/systemd/system/streetsense.service"))
        .hasSameTextualContentAs(RepoFiles.deploy("systemd/streetsense.service"));
    assertThat(root.resolve("/opt/streetsense/streetsense.jar"))
        .hasSameBinaryContentAs(RepoFiles.root().resolve("gateway/target/streetsense.jar"));
  }

  static void assertBusesEnabled(DebianRoot root) throws IOException {
    List<String> config = Files.readAllLines(root.resolve("/boot/firmware/config.txt"));
    assertThat(config).containsOnlyOnce("dtparam=i2c_arm=on", "dtparam=spi=on")
        .contains("#dtparam=i2s=on", "dtparam=audio=on")
        .doesNotContain("#dtparam=i2c_arm=on", "#dtparam=spi=on");
    assertThat(Files.readAllLines(root.resolve("/etc/modules"))).containsOnlyOnce("i2c-dev");
  }

  static void assertUserInHardwareGroups(DebianRoot root) throws IOException {
    for (String group : List.of("gpio", "i2c", "spi", "dialout")) {
      String line = Files.readAllLines(root.resolve("/etc/group")).stream()
          .filter(l -> l.startsWith(group + ":")).findFirst().orElseThrow();
      assertThat(line.substring(line.lastIndexOf(':') + 1).split(","))
          .as("members of %s", group).contains("streetsense");
    }
  }

  private static void assertMeta(DebianRoot root, String path, String mode, String owner)
      throws IOException {
    Path p = root.resolve(path);
    int bits = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    String actualOwner = Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS) + ":"
        + Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS);
    assertThat(Integer.toOctalString(bits)).as("mode of %s", path).isEqualTo(mode);
    assertThat(actualOwner).as("owner of %s", path).isEqualTo(owner);
  }

  private static String idOf(DebianRoot root, String db, String name) throws IOException {
    return Files.readAllLines(root.resolve("/etc/" + db)).stream()
        .filter(l -> l.startsWith(name + ":")).map(l -> l.split(":")[2]).findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " in /etc/" + db));
  }
}
