package org.streetsense.gateway.http.impl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.streetsense.gateway.http.FakeGatewayStatus;

class AboutPageTest {

  private final FakeGatewayStatus status = new FakeGatewayStatus();
  private final AboutPage page = new AboutPage(status, new PublicView(status));

  @Test
  void slovakPageUsesSlovakTextsAndInstallationTexts() {
    String html = page.render("sk");
    assertThat(html).contains("<html lang=\"sk\">", "O tejto inštalácii", "Čo meria a prečo",
        "Teplota vzduchu", "Mapujeme mestské tepelné ostrovy.", "Čo sa nezbiera",
        "Nie sú tu žiadne kamery.", "Uchováva sa 30 dní, potom sa vymaže.",
        "Túto inštaláciu prevádzkuje Mesto Košice",
        "<a rel=\"license\" href=\"https://spdx.org/licenses/CC-BY-4.0.html\">CC-BY-4.0</a>",
        "href=\"/public/api/history.csv?channel=air-1%2Ftemperature\"");
  }

  @Test
  void englishPageUsesEnglishTexts() {
    String html = page.render("en");
    assertThat(html).contains("<html lang=\"en\">", "About this installation",
        "What it senses and why", "Air temperature", "We map the city&#39;s heat islands.",
        "There are no cameras.", "Kept for 30 days, then deleted.",
        "aria-current=\"page\">English</a>", ">Slovenčina</a>");
  }

  @Test
  void disclosesTheMicrophoneAsLoudnessOnlyWithoutNamingPrivateChannels() {
    for (String lang : new String[] {"sk", "en"}) {
      String html = page.render(lang);
      FakeGatewayStatus.PRIVATE_NAMES.forEach(name -> assertThat(html).doesNotContain(name));
      assertThat(html).doesNotContain("mic-1").doesNotContain("maint-1");
    }
    assertThat(page.render("en")).contains("The microphone measures only how loud it is");
    assertThat(page.render("sk")).contains("Mikrofón meria len to, aký hluk je");
  }

  @Test
  void saysEverythingThatLeavesTheDeviceToWhomAndForHowLong() {
    String html = page.render("en");
    assertThat(html).doesNotContain("Only the measurements listed above leave")
        .contains("Every measurement, including those not shown on this page",
            "Sent encrypted (TLS).", "The operator&#39;s database",
            "Only on the installation&#39;s own network.",
            "Only these measurements: Air temperature, Air humidity, Light level, "
                + "Touches on the fountain&#39;s rim.",
            "At most 14 days, then deleted.")
        .as("no addresses on the public page").doesNotContain("mqtt.kosice.example",
            "influx.kosice.example", "192.168.10.20");
  }

  @Test
  void showsTheContactAndWhatThePieceDoesBack() {
    String html = page.render("en");
    assertThat(html).contains("<a id=\"contact\" href=\"mailto:opendata@kosice.example\">",
        "data-actuator=\"leds-1\"><strong>Light</strong>",
        "when someone touches it (Touches on the fountain&#39;s rim)",
        "once every 3 times: when a sensor rises above 85")
        .as("a trigger on a private channel does not name it").doesNotContain("sound_level");
    assertThat(page.render("sk")).contains("keď sa ho niekto dotkne (Dotyky na okraji fontány)");
  }

  @Test
  void summaryTopsThePageWithAnIconPerDtprCategory() {
    String html = page.render("en");
    assertThat(html.indexOf("id=\"summary\"")).isLessThan(html.indexOf("id=\"now\""));
    for (String category : AboutSummary.CATEGORIES) {
      assertThat(html).contains("data-dtpr=\"" + category + "\"><svg class=\"icon\"");
    }
    assertThat(html).contains("Identifies you?</strong> No.", "Responsible:</strong> Mesto Košice");
  }

  @Test
  void valuesInPlainLanguageAndLocalTime() {
    status.putLatest("air-1", "temperature", 21.5, "degC",
        java.time.Instant.parse("2026-07-01T10:00:00Z"));
    status.putLatest("touch-1", "electrode3", 1, "", java.time.Instant.parse("2026-07-01T10:00:00Z"));
    String html = page.render("en");
    assertThat(html).contains("<th scope=\"row\">Air temperature</th><td class=\"value\">21.5 °C",
        "<td class=\"value\">touched</td>", "12:00:00", "data-zone=\"Europe/Bratislava\"",
        "href=\"https://www.openstreetmap.org/?mlat=48.72080&amp;mlon=21.25770")
        .doesNotContain("air-1/temperature</th>").doesNotContain("degC<");
  }

  @Test
  void valuesUseTheLanguagesDecimalSeparator() {
    status.putLatest("air-1", "temperature", 21.3, "degC", java.time.Instant.now());
    assertThat(page.render("sk")).contains("<td class=\"value\">21,3 °C</td>");
    assertThat(page.render("en")).contains("<td class=\"value\">21.3 °C</td>");
  }

  @Test
  void openDataIsOnThisPageAndItsApiAndMayBeKeptByAnyone() {
    String html = page.render("en");
    assertThat(html).contains("Everyone, as open data (this page and its API)",
        "Anyone may copy and keep open data. The operator keeps its copy for 30 days, then "
            + "deletes it.")
        .doesNotContain("portal");
    assertThat(page.render("sk")).contains("(táto stránka a jej API)").doesNotContain("portál");
  }

  @Test
  void slovakPluralsFollowTheNumber() {
    AboutTexts sk = AboutTexts.forLanguage("sk");
    assertThat(sk.period(java.time.Duration.ofDays(1))).isEqualTo("1 deň");
    assertThat(sk.period(java.time.Duration.ofDays(3))).isEqualTo("3 dni");
    assertThat(sk.period(java.time.Duration.ofDays(90))).isEqualTo("90 dní");
    assertThat(sk.period(java.time.Duration.ofHours(6))).isEqualTo("6 hodín");
  }

  @Test
  void escapesInstallationTexts() {
    assertThat(Html.esc("<script>\"x\" & 'y'</script>"))
        .isEqualTo("&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;");
  }
}
