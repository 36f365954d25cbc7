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
        "Nie sú tu žiadne kamery.", "Merania sa uchovávajú 30 dní",
        "Túto inštaláciu prevádzkuje Mesto Košice",
        "<a rel=\"license\" href=\"https://spdx.org/licenses/CC-BY-4.0.html\">CC-BY-4.0</a>",
        "href=\"/public/api/history.csv?channel=air-1%2Ftemperature\"");
  }

  @Test
  void englishPageUsesEnglishTexts() {
    String html = page.render("en");
    assertThat(html).contains("<html lang=\"en\">", "About this installation",
        "What it senses and why", "Air temperature", "We map the city&#39;s heat islands.",
        "There are no cameras.", "Measurements are kept for 30 days",
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
