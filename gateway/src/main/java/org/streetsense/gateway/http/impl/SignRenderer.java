package org.streetsense.gateway.http.impl;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.streetsense.gateway.status.GatewayStatus;

/**
 * The printable A5 sign: for each of the installation's languages one page with the site, the
 * DTPR summary of the citizens' page (same texts, {@link AboutSummary#items}) with drawn icons, and
 * a QR code that leads to the page in that language. Writes {@code sign.pdf} (one A5 page per
 * language, vector text and QR code, fonts embedded) and {@code sign-<lang>.png} rendered from
 * that PDF at 200 dpi. PDF by Apache PDFBox, QR code by ZXing. Blocking file I/O: call off any
 * event loop. Stateless.
 */
public final class SignRenderer {

  /** Fonts the sign embeds, looked up in the font directory (Debian: fonts-dejavu-core). */
  public static final String REGULAR = "DejaVuSans.ttf";
  public static final String BOLD = "DejaVuSans-Bold.ttf";
  /** Resolution of the PNG renderings. */
  public static final int PNG_DPI = 200;

  private static final float MARGIN = 32;
  private static final float[] ACCENT = {0.043f, 0.361f, 0.678f};
  private static final float[] MUTED = {0.31f, 0.357f, 0.412f};

  private SignRenderer() {}

  /**
   * Writes the sign for {@code status} into {@code outDir} (created if needed), the QR code of
   * each page leading to {@code pageUrl} + {@code /<lang>}.
   *
   * @return the files written, PDF first
   * @throws IOException if a font is missing from {@code fontDir} or a file cannot be written
   */
  public static List<Path> write(GatewayStatus status, URI pageUrl, Path outDir, Path fontDir)
      throws IOException {
    for (String font : List.of(REGULAR, BOLD)) {
      if (!Files.isReadable(fontDir.resolve(font))) {
        throw new IOException("font " + fontDir.resolve(font) + " not found; install the DejaVu "
            + "fonts (Debian: apt-get install fonts-dejavu-core) or pass --font-dir");
      }
    }
    Files.createDirectories(outDir);
    List<Path> written = new ArrayList<>();
    List<String> languages = status.installation().languages();
    Path pdf = outDir.resolve("sign.pdf");
    try (PDDocument doc = new PDDocument()) {
      PDFont regular = PDType0Font.load(doc, fontDir.resolve(REGULAR).toFile());
      PDFont bold = PDType0Font.load(doc, fontDir.resolve(BOLD).toFile());
      for (String lang : languages) {
        page(doc, status, lang, urlFor(pageUrl, lang), regular, bold);
      }
      doc.getDocumentInformation().setTitle(status.installation().site() + " · "
          + AboutTexts.of(languages.get(0), status.disclosure().pageTexts()).get("page.title"));
      doc.save(pdf.toFile());
      written.add(pdf);
      PDFRenderer renderer = new PDFRenderer(doc);
      for (int i = 0; i < languages.size(); i++) {
        BufferedImage image = renderer.renderImageWithDPI(i, PNG_DPI);
        Path png = outDir.resolve("sign-" + languages.get(i) + ".png");
        ImageIO.write(image, "png", png.toFile());
        written.add(png);
      }
    }
    return written;
  }

  /** The page address in {@code lang}: {@code pageUrl} without a trailing slash, then the tag. */
  public static String urlFor(URI pageUrl, String lang) {
    String base = pageUrl.toString();
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/" + lang;
  }

  private static void page(PDDocument doc, GatewayStatus status, String lang, String url,
      PDFont regular, PDFont bold) throws IOException {
    AboutTexts t = AboutTexts.of(lang, status.disclosure().pageTexts());
    PDPage page = new PDPage(PDRectangle.A5);
    doc.addPage(page);
    float width = page.getMediaBox().getWidth();
    float height = page.getMediaBox().getHeight();
    float text = width - 2 * MARGIN;
    try (PDPageContentStream c = new PDPageContentStream(doc, page)) {
      float y = height - MARGIN - 10;
      c.setNonStrokingColor(MUTED[0], MUTED[1], MUTED[2]);
      y = lines(c, bold, 10, t.get("page.title").toUpperCase(java.util.Locale.ROOT), MARGIN, y,
          text, 13);
      c.setNonStrokingColor(0.086f, 0.125f, 0.169f);
      y = lines(c, bold, 20, status.installation().site(), MARGIN, y - 8, text, 24);
      y -= 10;
      for (String[] item : AboutSummary.items(status, t)) {
        icon(c, item[0], MARGIN, y - 20, 22);
        float after = lines(c, bold, 11, item[1], MARGIN + 34, y - 4, text - 34, 14);
        after = lines(c, regular, 11, item[2], MARGIN + 34, after, text - 34, 14);
        y = Math.min(after, y - 30) - 8;
      }
      float qrSize = Math.min(170, y - MARGIN - 70);
      float qrTop = y - 6;
      qr(c, url, (width - qrSize) / 2, qrTop - qrSize, qrSize);
      float after = lines(c, bold, 11, t.get("sign.scan"), MARGIN, qrTop - qrSize - 16, text, 14);
      c.setNonStrokingColor(ACCENT[0], ACCENT[1], ACCENT[2]);
      lines(c, regular, 10, url, MARGIN, after, text, 13);
    }
  }

  /** Writes {@code s} wrapped to {@code width}, first baseline at {@code y}; next baseline. */
  private static float lines(PDPageContentStream c, PDFont font, float size, String s, float x,
      float y, float width, float leading) throws IOException {
    StringBuilder line = new StringBuilder();
    for (String word : s.split(" ")) {
      String candidate = line.length() == 0 ? word : line + " " + word;
      if (font.getStringWidth(candidate) / 1000 * size > width && line.length() > 0) {
        show(c, font, size, line.toString(), x, y);
        y -= leading;
        line = new StringBuilder(word);
      } else {
        line = new StringBuilder(candidate);
      }
    }
    if (line.length() > 0) {
      show(c, font, size, line.toString(), x, y);
      y -= leading;
    }
    return y;
  }

  private static void show(PDPageContentStream c, PDFont font, float size, String s, float x,
      float y) throws IOException {
    c.beginText();
    c.setFont(font, size);
    c.newLineAtOffset(x, y);
    c.showText(s);
    c.endText();
  }

  /** The QR code as filled squares, quiet zone included in {@code size}. */
  private static void qr(PDPageContentStream c, String url, float x, float y, float size)
      throws IOException {
    BitMatrix m;
    try {
      m = new QRCodeWriter().encode(url, BarcodeFormat.QR_CODE, 0, 0,
          Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
              EncodeHintType.MARGIN, 4, EncodeHintType.CHARACTER_SET, "UTF-8"));
    } catch (WriterException e) {
      throw new IOException("the page address is too long for a QR code: " + url, e);
    }
    float cell = size / m.getWidth();
    c.setNonStrokingColor(0f, 0f, 0f);
    for (int row = 0; row < m.getHeight(); row++) {
      for (int col = 0; col < m.getWidth(); col++) {
        if (m.get(col, row)) {
          c.addRect(x + col * cell, y + size - (row + 1) * cell, cell, cell);
        }
      }
    }
    c.fill();
  }

  /** The same five icons as the page's inline SVG, drawn on a 32-unit grid scaled to size. */
  private static void icon(PDPageContentStream c, String category, float x, float y, float size)
      throws IOException {
    float k = size / 32;
    c.saveGraphicsState();
    c.transform(new org.apache.pdfbox.util.Matrix(k, 0, 0, -k, x, y + size));
    c.setStrokingColor(ACCENT[0], ACCENT[1], ACCENT[2]);
    c.setLineWidth(2);
    c.setLineCapStyle(1);
    c.setLineJoinStyle(1);
    switch (category) {
      case "purpose" -> {
        circle(c, 16, 16, 11);
        circle(c, 16, 16, 6);
        c.stroke();
        c.setNonStrokingColor(ACCENT[0], ACCENT[1], ACCENT[2]);
        circle(c, 16, 16, 1.5f);
        c.fill();
      }
      case "data" -> {
        line(c, 6, 26, 26, 26);
        line(c, 9, 22, 9, 16);
        line(c, 15, 22, 15, 9);
        line(c, 21, 22, 21, 13);
        c.stroke();
      }
      case "identifiable" -> {
        circle(c, 16, 11, 4.5f);
        c.moveTo(8, 26);
        c.curveTo(8, 21, 11.5f, 18, 16, 18);
        c.curveTo(20.5f, 18, 24, 21, 24, 26);
        line(c, 6, 6, 26, 26);
        c.stroke();
      }
      case "retention" -> {
        circle(c, 16, 16, 11);
        c.moveTo(16, 9);
        c.lineTo(16, 16);
        c.lineTo(21, 19);
        c.stroke();
      }
      case "accountable" -> {
        line(c, 5, 27, 27, 27);
        line(c, 7, 27, 7, 13);
        line(c, 25, 27, 25, 13);
        line(c, 12, 27, 12, 18);
        line(c, 20, 27, 20, 18);
        c.moveTo(4, 12);
        c.lineTo(16, 5);
        c.lineTo(28, 12);
        c.closePath();
        c.stroke();
      }
      default -> throw new IllegalArgumentException(category);
    }
    c.restoreGraphicsState();
  }

  private static void line(PDPageContentStream c, float x1, float y1, float x2, float y2)
      throws IOException {
    c.moveTo(x1, y1);
    c.lineTo(x2, y2);
  }

  private static void circle(PDPageContentStream c, float cx, float cy, float r)
      throws IOException {
    float k = 0.5523f * r;
    c.moveTo(cx + r, cy);
    c.curveTo(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
    c.curveTo(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
    c.curveTo(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
    c.curveTo(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
    c.closePath();
  }
}
