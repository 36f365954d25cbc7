package org.streetsense.system.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.MosquittoServer;
import org.streetsense.rigs.process.GatewayProcess;

/**
 * The installation file's public-page keys observed from outside the process: the jar runs a
 * file, and the served about page shows each key's effect (per-language description and labels,
 * operator contact, time zone, where data goes and for how long, what the piece does back, map
 * link); {@code validate} refuses a language without texts; {@code sign} turns {@code publicUrl}
 * into the QR code.
 */
@Timeout(180)
class AboutPageFromFileIT {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static MosquittoServer broker;
  private static GatewayProcess gateway;
  private static int port;
  private static Path dir;
  private static Path config;

  @BeforeAll
  static void start() throws IOException {
    broker = MosquittoServer.anonymous();
    broker.start();
    dir = Files.createTempDirectory("streetsense-about-");
    port = FreePorts.next();
    config = dir.resolve("about.yaml");
    Files.writeString(config, """
        installation: about-bench
        site: Námestie slobody
        location: {lat: 48.7301, lon: 21.2402}
        description:
          sk: Svetelná lavička, ktorá odpovedá na dotyk.
          en: A light bench that answers touch.
        operator: {name: Mesto Košice, contact: lavicka@kosice.example}
        languages: [sk, en]
        retention: 90d
        publicUrl: https://kosice.example.org/public/about
        hardware: {backend: simulated, seed: 3}
        devices:
          - id: weather
            driver: bme280
            address: 0x76
            period: 1s
            channels:
              temperature:
                unit: degC
                public: true
                label: {sk: Teplota pri lavičke, en: Temperature at the bench}
          - id: bench
            driver: mpr121
            address: 0x5A
            mode: event
            channels:
              seat: {index: 0, public: true, label: Sedadlo}
          - id: glow
            driver: led
            pin: 18
            safeState: off
            options: {dimmable: true}
        uplink:
          mqtt:
            url: %s
        spool:
          dir: %s
          maxAge: 3d
        http:
          host: 127.0.0.1
          port: %d
        safety:
          timezone: America/New_York
          actuators:
            glow: {kind: light, operations: [set, on, off, fade]}
        reflexes:
          - name: seat-glow
            when: {device: bench, channel: seat, event: touch_start}
            every: 2
            do:
              - {actuator: glow, op: fade, value: 1.0, duration: 300ms}
        """.formatted(broker.url(), dir.resolve("spool"), port));
    gateway = GatewayProcess.start("run", "--config", config.toString());
    await("the about page is served").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
        .until(() -> get("/public/about/en").statusCode() == 200);
  }

  @AfterAll
  static void stop() {
    try {
      if (gateway != null) {
        gateway.close();
      }
    } finally {
      if (broker != null) {
        broker.close();
      }
    }
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void eachPublicKeyOfTheFileShowsOnTheServedPage() throws Exception {
    String sk = get("/public/about/sk").body();
    String en = get("/public/about/en").body();
    assertThat(sk).contains("Svetelná lavička, ktorá odpovedá na dotyk.", "Teplota pri lavičke",
        "Sedadlo", "Kam idú dáta");
    assertThat(en).contains("A light bench that answers touch.", "Temperature at the bench",
        "Sedadlo" /* a label without language stands for the first language, here and in en */,
        "href=\"mailto:lavicka@kosice.example\"", "Times are local (America/New_York)",
        "Sent unencrypted.", "Kept for 90 days, then deleted.", "At most 3 days, then deleted.",
        "data-actuator=\"glow\"><strong>Light</strong>",
        "once every 2 times: when someone touches it (Sedadlo)",
        "https://www.openstreetmap.org/?mlat=48.73010&amp;mlon=21.24020")
        .doesNotContain("Only the measurements listed above leave");
  }

  @Test
  void validateRefusesALanguageWithoutTexts() throws Exception {
    Path hu = dir.resolve("hu.yaml");
    Files.writeString(hu, Files.readString(config).replace("languages: [sk, en]",
        "languages: [sk, hu]").replace("  en: A light bench", "  hu: A light bench"));
    GatewayProcess validate = GatewayProcess.run(Duration.ofSeconds(60), "validate",
        hu.toString());
    assertThat(validate.exitCode()).isEqualTo(3);
    assertThat(validate.stderr()).contains(hu + ":8:17: languages[1]: the gateway has no texts "
        + "in language 'hu' for the public page; built in: en, sk; or give every text under "
        + "pageTexts.hu");
  }

  @Test
  void aLanguageWhoseTextsTheFileGivesIsServedInThoseTextsOnly() throws Exception {
    ResourceBundle english = ResourceBundle.getBundle("org.streetsense.gateway.http.impl.about",
        Locale.ENGLISH);
    StringBuilder texts = new StringBuilder("pageTexts:\n  hu:\n");
    for (String key : new TreeSet<>(english.keySet())) {
      String text = key.equals("lang.name") ? "Magyar" : "HU " + english.getString(key);
      texts.append("    ").append(key).append(": \"")
          .append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
    }
    int huPort = FreePorts.next();
    Path hu = dir.resolve("hu-complete.yaml");
    Files.writeString(hu, Files.readString(config)
        .replace("languages: [sk, en]", "languages: [hu, sk]")
        .replace("  en: A light bench", "  hu: Egy fénylő pad")
        .replace("label: {sk: Teplota pri lavičke, en: Temperature at the bench}",
            "label: {sk: Teplota pri lavičke, hu: Hőmérséklet}")
        .replace("port: " + port, "port: " + huPort)
        .replace(dir.resolve("spool").toString(), dir.resolve("spool-hu").toString())
        + texts);
    try (GatewayProcess second = GatewayProcess.start("run", "--config", hu.toString())) {
      HttpRequest request = HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + huPort + "/public/about/hu")).build();
      await("the Hungarian page is served").atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
          .until(() -> CLIENT.send(request, HttpResponse.BodyHandlers.ofString())
              .statusCode() == 200);
      String page = CLIENT.send(request, HttpResponse.BodyHandlers.ofString()).body();
      assertThat(page).contains("<html lang=\"hu\">", "Egy fénylő pad", "Hőmérséklet",
          "HU About this installation", ">Magyar</a>", ">Slovenčina</a>");
      java.util.regex.Matcher headings =
          java.util.regex.Pattern.compile("<h2 id=\"[a-z-]+-h\">([^<]*)</h2>").matcher(page);
      int count = 0;
      while (headings.find()) {
        assertThat(headings.group(1)).as("every heading in the file's Hungarian").startsWith("HU ");
        count++;
      }
      assertThat(count).isGreaterThan(5);
    }
  }

  @Test
  void signLeadsToThePublicUrlOfTheFile() throws Exception {
    Path out = dir.resolve("sign");
    GatewayProcess sign = GatewayProcess.run(Duration.ofSeconds(90), "sign", "--config",
        config.toString(), "--out", out.toString());
    assertThat(sign.exitCode()).as(sign.stderr()).isZero();
    BufferedImage image = ImageIO.read(out.resolve("sign-en.png").toFile());
    int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0,
        image.getWidth());
    assertThat(new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
        new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText())
        .isEqualTo("https://kosice.example.org/public/about/en");
  }
}
