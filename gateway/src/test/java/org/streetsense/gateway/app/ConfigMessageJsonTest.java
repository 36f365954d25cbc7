package org.streetsense.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ConfigMessageJsonTest {

  private static String refusal(String text) {
    try {
      ConfigMessageJson.read(text);
    } catch (ConfigMessageJson.Refused e) {
      return e.getMessage();
    }
    throw new AssertionError("accepted: " + text);
  }

  @Test
  void aWellFormedObjectIsReadWithItsFields() throws Exception {
    JsonObject m = ConfigMessageJson.read(
        "{\"version\":5,\"digest\":\"sha256:ab\",\"file\":\"a: 1\\n\",\"health_window_s\":30}");
    assertThat(m.getValue("version")).isEqualTo(5);
    assertThat(m.getString("file")).isEqualTo("a: 1\n");
  }

  @Test
  void aFieldGivenTwiceIsRefusedByName() {
    assertThat(refusal("{\"version\":5,\"version\":6,\"digest\":\"d\",\"file\":\"f\"}"))
        .isEqualTo("duplicate field 'version'; give each field once");
    assertThat(refusal("{\"version\":5,\"digest\":\"a\",\"file\":\"f\",\"digest\":\"b\"}"))
        .isEqualTo("duplicate field 'digest'; give each field once");
  }

  @Test
  void aFieldGivenTwiceDeeperDownIsRefusedToo() {
    assertThat(refusal("{\"version\":5,\"x\":[{\"a\":1,\"a\":2}]}"))
        .isEqualTo("duplicate field 'a'; give each field once");
  }

  @Test
  void truncatedJsonNamesTheEndOfInputAndItsColumn() {
    assertThat(refusal("{\"version\":5,\"digest\":\"d\""))
        .isEqualTo("not JSON: unexpected end of input at column 26");
    assertThat(refusal("{\"version\":5,\n\"file\":\"abc"))
        .startsWith("not JSON: unexpected end of input at line 2, column ");
  }

  @Test
  void contentAfterTheObjectIsNamed() {
    assertThat(refusal("{\"version\":5} x"))
        .isEqualTo("not JSON: content after the object (which ends at column 14)");
    assertThat(refusal("{\"version\":5}{\"version\":6}"))
        .startsWith("not JSON: content after the object");
  }

  @Test
  void nestingDeeperThanTheLimitIsNamed() {
    assertThat(refusal("{\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}"))
        .isEqualTo("not JSON: nested deeper than 1000 levels");
  }

  @Test
  void nanAndInfinityAreNamed() {
    assertThat(refusal("{\"version\":NaN}")).startsWith("not JSON: NaN and Infinity are not JSON numbers");
    assertThat(refusal("{\"version\":Infinity}")).startsWith("not JSON: NaN and Infinity are not JSON numbers");
    assertThat(refusal("{\"version\":-Infinity}")).startsWith("not JSON: NaN and Infinity are not JSON numbers");
  }

  @Test
  void jsonThatIsNotAnObjectIsSaidSo() {
    assertThat(refusal("[1,2]")).isEqualTo("not a JSON object");
    assertThat(refusal("\"version\"")).isEqualTo("not a JSON object");
    assertThat(refusal("[1,2] x")).startsWith("not JSON: content after the value");
  }

  @Test
  void otherSyntaxErrorsAreLocatedWithoutLibraryNames() {
    for (String bad : new String[] {"{version:5}", "{\"version\":+5}", "{\"version\":05}",
        "{'version':5}", "{\"version\":5,}", "{\"a\":\"\u0001\"}", "   "}) {
      String detail = refusal(bad);
      assertThat(detail).as(bad).startsWith("not JSON: ")
          .doesNotContain("`", "Feature", "Constraints", "Source", "com.fasterxml", "jackson");
      if (!bad.isBlank()) {
        assertThat(detail).as(bad).contains(" at column ");
      }
    }
  }

  @Test
  void aLongDuplicateFieldNameIsShortened() {
    String name = "k".repeat(500);
    assertThatThrownBy(() -> ConfigMessageJson.read("{\"" + name + "\":1,\"" + name + "\":2}"))
        .hasMessage("duplicate field '" + "k".repeat(40) + "...'; give each field once");
  }

  @Test
  void aLeadingByteOrderMarkIsSkippedAndBytesThatAreNotUtf8AreRefused() throws Exception {
    byte[] withBom = "\uFEFF{\"version\":5}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    org.assertj.core.api.Assertions.assertThat(ConfigMessageJson.read(withBom).getInteger("version"))
        .isEqualTo(5);
    byte[] encodedSurrogate = {'{', '"', 'v', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80,
        '"', '}'};
    assertThatThrownBy(() -> ConfigMessageJson.read(encodedSurrogate))
        .hasMessage("not JSON: invalid UTF-8 at byte 7");
  }
}

