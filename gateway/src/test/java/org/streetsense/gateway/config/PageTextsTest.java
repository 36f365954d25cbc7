package org.streetsense.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pageTexts}: a language without built-in texts is accepted only with all of them. */
class PageTextsTest {

  private static final String HEAD = """
      installation: bench
      site: Test bench
      hardware: {backend: simulated}
      languages: [sk, hu]
      devices:
        - {id: button-1, driver: button, pin: 17}
      uplink:
        mqtt: {url: "tcp://localhost:1883"}
      """;

  @TempDir Path dir;

  private List<ConfigError> validate(String yaml) throws Exception {
    Path file = dir.resolve("bench.yaml");
    Files.writeString(file, yaml);
    return InstallationLoader.validate(file);
  }

  private static TreeSet<String> keys() {
    return new TreeSet<>(ResourceBundle.getBundle(Identity.PAGE_TEXT_BUNDLE, Locale.ENGLISH)
        .keySet());
  }

  @Test
  void everyTextGivenMakesTheLanguageValid() throws Exception {
    StringBuilder yaml = new StringBuilder(HEAD).append("pageTexts:\n  hu:\n");
    keys().forEach(k -> yaml.append("    ").append(k).append(": \"szöveg {0}\"\n"));
    assertThat(validate(yaml.toString())).isEmpty();
    Installation inst = InstallationLoader.load(dir.resolve("bench.yaml"));
    assertThat(inst.identity().pageTexts().get("hu")).hasSize(keys().size());
  }

  @Test
  void missingTextsAreListedAtTheLanguage() throws Exception {
    List<ConfigError> errors = validate(HEAD + "pageTexts:\n  hu: {lang.name: Magyar}\n");
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).line()).isEqualTo(10);
    List<String> missing = keys().stream().filter(k -> !k.equals("lang.name")).sorted().toList();
    assertThat(errors.get(0).message()).startsWith("the texts of 'hu' lack "
        + missing.size() + " of the " + keys().size() + " page texts: "
        + String.join(", ", missing.subList(0, 20)) + ", and " + (missing.size() - 20) + " more");
  }

  @Test
  void aMistypedKeyGetsADidYouMean() throws Exception {
    StringBuilder yaml = new StringBuilder(HEAD).append("pageTexts:\n  hu:\n");
    keys().forEach(k -> yaml.append("    ").append(k.equals("page.title") ? "page.titel" : k)
        .append(": x\n"));
    assertThat(validate(yaml.toString())).extracting(ConfigError::message).contains(
        "unknown page text 'page.titel'; did you mean 'page.title'?");
  }

  @Test
  void aBuiltInLanguageTakesNoPageTexts() throws Exception {
    assertThat(validate(HEAD.replace("[sk, hu]", "[sk]") + "pageTexts:\n  sk: {lang.name: X}\n"))
        .extracting(ConfigError::message)
        .containsExactly("'sk' has built-in texts; pageTexts is for the other languages of the "
            + "installation");
  }
}
