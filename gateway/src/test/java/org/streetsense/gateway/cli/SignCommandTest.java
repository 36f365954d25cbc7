package org.streetsense.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code streetsense sign} on the Košice example: an A5 PDF page per language with the summary
 * texts, and PNGs whose QR code decodes to the page in that language. The PNGs are also copied to
 * {@code target/screenshots/} to be looked at.
 */
class SignCommandTest {

  static final Path EXAMPLE = Path.of("..", "config", "examples", "kosice-square.yaml");

  @TempDir Path out;

  private int run(StringWriter err, String... args) {
    CommandLine cli = StreetsenseCommand.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void writesAnA5PdfWithTheSummaryAndPngsWhoseQrLeadsToThePage() throws Exception {
    StringWriter err = new StringWriter();
    assertThat(run(err, "sign", "--config", EXAMPLE.toString(), "--out", out.toString()))
        .as(err.toString()).isZero();

    try (PDDocument pdf = Loader.loadPDF(out.resolve("sign.pdf").toFile())) {
      assertThat(pdf.getNumberOfPages()).isEqualTo(2);
      for (PDPage page : pdf.getPages()) {
        assertThat(page.getMediaBox().getWidth()).isCloseTo(419.53f, org.assertj.core.data.Offset.offset(0.5f));
        assertThat(page.getMediaBox().getHeight()).isCloseTo(595.28f, org.assertj.core.data.Offset.offset(0.5f));
      }
      PDFTextStripper text = new PDFTextStripper();
      text.setStartPage(1);
      text.setEndPage(1);
      assertThat(text.getText(pdf)).contains("O TEJTO INŠTALÁCII", "Hlavná ulica, Košice", "Účel:",
          "Identifikuje vás?", "Zodpovedá:", "Košice city innovation unit",
          "https://kosice.example.org/public/about/sk");
      text.setStartPage(2);
      text.setEndPage(2);
      assertThat(text.getText(pdf)).contains("ABOUT THIS INSTALLATION", "Purpose:", "Kept:",
          "365 days", "https://kosice.example.org/public/about/en");
    }
    for (String lang : new String[] {"sk", "en"}) {
      Path png = out.resolve("sign-" + lang + ".png");
      assertThat(qr(ImageIO.read(png.toFile())))
          .isEqualTo("https://kosice.example.org/public/about/" + lang);
      Path shots = Path.of("target", "screenshots");
      Files.createDirectories(shots);
      Files.copy(png, shots.resolve("sign-" + lang + ".png"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Test
  void refusesAFileWithoutPublicUrl() throws Exception {
    Path file = out.resolve("no-url.yaml");
    Files.writeString(file, Files.readString(EXAMPLE).replaceAll("(?m)^publicUrl:.*$", ""));
    StringWriter err = new StringWriter();
    assertThat(run(err, "sign", "--config", file.toString(), "--out", out.toString()))
        .isEqualTo(ExitCodes.CONFIG_INVALID);
    assertThat(err.toString()).contains("publicUrl is needed");
  }

  private static String qr(BufferedImage image) throws Exception {
    int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0,
        image.getWidth());
    return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
        new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText();
  }
}
