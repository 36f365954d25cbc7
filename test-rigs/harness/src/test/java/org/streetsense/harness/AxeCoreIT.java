package org.streetsense.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class AxeCoreIT {

  private static String page(String body) {
    return "data:text/html;charset=utf-8," + URLEncoder.encode("<!doctype html><html lang=\"en\">"
        + "<head><title>t</title></head><body><main><h1>t</h1>" + body + "</main></body></html>",
        StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Test
  void reportsAnUnlabelledImageAndButtonAsBlockingAndPassesAGoodPage() throws Exception {
    try (HeadlessChromium chromium = new HeadlessChromium(390, 844)) {
      chromium.driver().get(page("<img src=\"x.png\"><button></button>"));
      List<AxeCore.Violation> bad = AxeCore.blocking(chromium.driver());
      assertThat(bad).extracting(AxeCore.Violation::id).contains("image-alt", "button-name");
      assertThat(bad).allMatch(AxeCore.Violation::blocking);

      chromium.driver().get(page("<img src=\"x.png\" alt=\"A fountain\">"
          + "<button type=\"button\">Test</button>"));
      List<AxeCore.Violation> good = AxeCore.blocking(chromium.driver());
      assertThat(good).as(AxeCore.describe(good)).isEmpty();
    }
  }
}
