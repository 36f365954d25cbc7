package org.streetsense.gateway.http;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.streetsense.harness.HeadlessChromium;

/**
 * A running HTTP surface ({@link SurfaceFixture}) and a headless Chromium for one browser test
 * class, started before its first test and closed after its last. Register it as a static field:
 * {@code @RegisterExtension static final BrowserSurface browser = new BrowserSurface(b -> { });}
 *
 * <p>Pages are checked at the two {@link Viewport}s the project promises, phone and desktop.
 */
public final class BrowserSurface implements BeforeAllCallback, AfterAllCallback {

  /** The sizes every page is checked at. */
  public enum Viewport {
    PHONE("phone", 390, 844),
    DESKTOP("desktop", 1366, 900);

    public final String label;
    public final int width;
    public final int height;

    Viewport(String label, int width, int height) {
      this.label = label;
      this.width = width;
      this.height = height;
    }

    /** {@code 390x844}, as screenshots are named. */
    public String size() {
      return width + "x" + height;
    }
  }

  /** Phone first, then desktop. */
  public static final List<Viewport> VIEWPORTS = List.of(Viewport.PHONE, Viewport.DESKTOP);

  private final Consumer<HttpSurfaceOptions.Builder> options;
  private SurfaceFixture fx;
  private HeadlessChromium chromium;

  /** @param options adjusts the surface's test defaults (login throttle, rate limits...) */
  public BrowserSurface(Consumer<HttpSurfaceOptions.Builder> options) {
    this.options = options;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    fx = new SurfaceFixture(options);
    chromium = new HeadlessChromium(Viewport.DESKTOP.width, Viewport.DESKTOP.height);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    try {
      if (chromium != null) {
        chromium.close();
      }
    } finally {
      if (fx != null) {
        fx.close();
      }
    }
  }

  public SurfaceFixture fx() {
    return fx;
  }

  public HeadlessChromium chromium() {
    return chromium;
  }

  /**
   * Emulates {@code v} (its size, and a mobile device for the phone), so media queries and
   * touch-sized targets apply as on a real phone.
   */
  public void viewport(Viewport v) {
    chromium.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", v.width,
        "height", v.height, "deviceScaleFactor", 1, "mobile", v == Viewport.PHONE));
  }
}
