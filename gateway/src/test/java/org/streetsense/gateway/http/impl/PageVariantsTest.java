package org.streetsense.gateway.http.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.http.FakeGatewayStatus;
import org.streetsense.gateway.status.ActuatorState;
import org.streetsense.gateway.status.ChannelInfo;
import org.streetsense.gateway.status.ConfigSummary;
import org.streetsense.gateway.status.DeviceStatus;
import org.streetsense.gateway.status.GatewayStatus;
import org.streetsense.gateway.status.InstallationInfo;
import org.streetsense.gateway.status.LatestValue;
import org.streetsense.gateway.status.Location;
import org.streetsense.gateway.status.PublicDisclosure;
import org.streetsense.gateway.status.RecentEvent;
import org.streetsense.gateway.status.SensingKind;
import org.streetsense.gateway.status.UplinkStatus;

/**
 * The citizens' page for installations unlike the test fountain: a third language from {@code
 * pageTexts} with generated labels, a CC0 licence without attribution, a PIR reflex that names
 * only its device.
 */
class PageVariantsTest {

  /** Channels without a file label: the page generates theirs. */
  private static final List<ChannelInfo> UNLABELLED = List.of(
      new ChannelInfo("air", "temperature", "degC", SensingKind.AIR, true, Map.of(), Map.of()),
      new ChannelInfo("rail", "right", "", SensingKind.TOUCH, true, Map.of(), Map.of()),
      new ChannelInfo("motion", "motion", "", SensingKind.PRESENCE, true, Map.of(), Map.of()));

  /** The presence_enter reflex of a PIR, as the file gives it: the device, no channel. */
  private static final PublicDisclosure.Effect LAMP = new PublicDisclosure.Effect("lamp", "light",
      List.of(new PublicDisclosure.Trigger("motion", "", "presence_enter", OptionalDouble.empty(),
          OptionalDouble.empty(), 1)));

  private static InstallationInfo info(List<String> languages, String license,
      String attribution) {
    return new InstallationInfo("bench", "Bench", Map.of(), "City", languages, license,
        attribution, Duration.ofDays(30), new Location(48.7, 21.2, "Square"));
  }

  /** Every English text marked "HU·", as a file's pageTexts.hu would give them. */
  private static Map<String, String> hungarian() {
    ResourceBundle en = ResourceBundle.getBundle(AboutTexts.BASE, Locale.ENGLISH);
    Map<String, String> hu = new LinkedHashMap<>();
    en.keySet().forEach(k -> hu.put(k, "HU·" + en.getString(k)));
    return hu;
  }

  @Test
  void aLanguageFromPageTextsGetsItsOwnGeneratedLabelsAndReasons() {
    Status status = new Status(info(List.of("hu"), "CC-BY-4.0", "City"), UNLABELLED,
        new PublicDisclosure(Optional.empty(), ZoneOffset.UTC, "", false, Optional.empty(),
            List.of(), Duration.ZERO, List.of(LAMP), Map.of("hu", hungarian())));
    String html = new AboutPage(status, new PublicView(status)).render("hu");
    assertThat(html).contains("<strong>HU·Air temperature</strong>",
        "<strong>HU·Touch on the installation (right)</strong>",
        "<strong>HU·Whether someone is near, never who</strong>",
        "HU·The artwork answers your touch")
        .doesNotContain(">Air temperature", ">Touch on the installation",
            ">Whether someone is near", "> The artwork answers");
  }

  @Test
  void aTriggerOnADevicesOnePublicChannelNamesIt() {
    Status status = new Status(info(List.of("en"), "CC-BY-4.0", "City"), UNLABELLED,
        new PublicDisclosure(Optional.empty(), ZoneOffset.UTC, "", false, Optional.empty(),
            List.of(), Duration.ZERO, List.of(LAMP), Map.of()));
    assertThat(new AboutPage(status, new PublicView(status)).render("en"))
        .contains("when someone comes near (Whether someone is near, never who)")
        .doesNotContain("(a sensor)");
  }

  @Test
  void cc0WithoutAttributionAsksForNoCredit() {
    InstallationInfo cc0 = info(List.of("en", "sk"), "CC0-1.0", "");
    Status status = new Status(cc0, UNLABELLED, PublicDisclosure.minimal(ZoneOffset.UTC));
    AboutPage page = new AboutPage(status, new PublicView(status));
    assertThat(page.render("en")).contains("under the license <a rel=\"license\" "
        + "href=\"https://spdx.org/licenses/CC0-1.0.html\">CC0-1.0</a>. No credit is required.")
        .doesNotContain("please credit");
    assertThat(page.render("sk")).contains("Uvádzať zdroj netreba.").doesNotContain("uveďte");
    assertThat(OpenDataMeta.json(cc0, Instant.EPOCH).containsKey("attribution")).isFalse();
    assertThat(OpenDataMeta.json(info(List.of("en"), "CC-BY-4.0", "City"), Instant.EPOCH)
        .getString("attribution")).isEqualTo("City");
  }

  /** A status with the given identity, channels and disclosure; the rest from the fountain. */
  private record Status(InstallationInfo installation, List<ChannelInfo> channels,
      PublicDisclosure disclosure) implements GatewayStatus {
    private static final FakeGatewayStatus BASE = new FakeGatewayStatus();

    @Override
    public List<DeviceStatus> devices() {
      return List.of();
    }

    @Override
    public List<LatestValue> latestValues() {
      return List.of();
    }

    @Override
    public UplinkStatus uplink() {
      return BASE.uplink();
    }

    @Override
    public List<RecentEvent> recentEvents() {
      return List.of();
    }

    @Override
    public List<ActuatorState> actuators() {
      return List.of();
    }

    @Override
    public ConfigSummary config() {
      return BASE.config();
    }
  }
}
