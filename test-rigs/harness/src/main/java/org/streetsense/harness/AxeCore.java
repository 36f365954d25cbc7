package org.streetsense.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * Runs axe-core, the accessibility checker, on the page a Selenium {@link WebDriver} shows, and
 * returns its violations with their impact. The checker's script ({@code axe.min.js}) is the npm
 * package {@code axe-core} at {@link #VERSION}, installed by {@code deploy/dev/install-test-deps.sh}
 * into {@code $STREETSENSE_TEST_CACHE} (default {@code ~/.cache/streetsense-test}); the system
 * property or environment variable {@code streetsense.axe.js} / {@code STREETSENSE_AXE_JS} may name
 * another file. Nothing is fetched from the network: a missing script fails the test with a message
 * saying how to install it.
 *
 * <p>The script is injected through WebDriver (the page's Content-Security-Policy does not apply
 * to it) once per document, then {@code axe.run} checks the whole document against the WCAG 2.0,
 * 2.1 and 2.2 A/AA rules and axe's best practices. Call from the test thread; each run waits for
 * at most 60 s.
 */
public final class AxeCore {

  /** The axe-core release the install script fetches. Keep in step with the script. */
  public static final String VERSION = "4.11.0";

  /** The impacts a page must not have: {@code serious} and {@code critical}. */
  public static final Set<String> BLOCKING = Set.of("serious", "critical");

  private static final String RUN = String.join("\n",
      "var done = arguments[arguments.length - 1];",
      "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a',",
      "    'wcag21aa', 'wcag22aa', 'best-practice']}, resultTypes: ['violations']})",
      "  .then(function (r) {",
      "    done(r.violations.map(function (v) {",
      "      return {id: v.id, impact: v.impact || 'unknown', help: v.help, helpUrl: v.helpUrl,",
      "        targets: v.nodes.map(function (n) { return n.target.join(' ') + ' :: '",
      "          + (n.failureSummary || '').replace(/\\s+/g, ' '); })};",
      "    }));",
      "  }, function (e) { done({error: String(e)}); });");

  /** One rule the page breaks, with the elements that break it. */
  public record Violation(String id, String impact, String help, String helpUrl,
      List<String> targets) {

    /** Whether the impact is serious or critical. */
    public boolean blocking() {
      return BLOCKING.contains(impact);
    }

    @Override
    public String toString() {
      return impact + " " + id + ": " + help + " (" + helpUrl + ")\n    "
          + String.join("\n    ", targets);
    }
  }

  private AxeCore() {}

  /** The axe-core script the tests inject, or a clear failure if it is not installed. */
  public static Path script() {
    String named = System.getProperty("streetsense.axe.js", System.getenv("STREETSENSE_AXE_JS"));
    Path path;
    if (named != null && !named.isBlank()) {
      path = Path.of(named);
    } else {
      String cache = System.getenv("STREETSENSE_TEST_CACHE");
      Path root = cache != null && !cache.isBlank() ? Path.of(cache)
          : Path.of(System.getProperty("user.home"), ".cache", "streetsense-test");
      path = root.resolve("axe-core-" + VERSION).resolve("node_modules").resolve("axe-core")
          .resolve("axe.min.js");
    }
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException("axe-core " + VERSION + " is not installed at " + path
          + ": run deploy/dev/install-test-deps.sh (it fetches it with npm)");
    }
    return path;
  }

  /** All violations axe-core finds on the current page, any impact. */
  @SuppressWarnings("unchecked")
  public static List<Violation> analyse(WebDriver driver) {
    JavascriptExecutor js = (JavascriptExecutor) driver;
    if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object';"))) {
      try {
        js.executeScript(Files.readString(script(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Duration before = driver.manage().timeouts().getScriptTimeout();
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    Object result;
    try {
      result = js.executeAsyncScript(RUN);
    } finally {
      driver.manage().timeouts().scriptTimeout(before);
    }
    if (result instanceof Map<?, ?> error) {
      throw new IllegalStateException("axe-core failed on " + driver.getCurrentUrl() + ": "
          + error.get("error"));
    }
    List<Violation> violations = new ArrayList<>();
    for (Object o : (List<Object>) result) {
      Map<String, Object> v = (Map<String, Object>) o;
      violations.add(new Violation((String) v.get("id"), (String) v.get("impact"),
          (String) v.get("help"), (String) v.get("helpUrl"),
          List.copyOf((List<String>) v.get("targets"))));
    }
    return List.copyOf(violations);
  }

  /** The serious and critical violations on the current page; empty when it passes. */
  public static List<Violation> blocking(WebDriver driver) {
    return analyse(driver).stream().filter(Violation::blocking).toList();
  }

  /** A readable list of violations for an assertion message. */
  public static String describe(List<Violation> violations) {
    return violations.stream().map(Violation::toString).collect(Collectors.joining("\n"));
  }
}
