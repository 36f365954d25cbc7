package org.streetsense.gateway.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.actuator.CommandSource;

/**
 * The command codec runs with jackson-core alone (issue 17: a running gateway should not load
 * jackson-databind). The codec is loaded in a class loader that sees only the gateway's classes
 * and the jackson-core jar, with the platform's classes as parent: a reference to databind on
 * the way through parsing or encoding fails with {@link NoClassDefFoundError}, and every class
 * name asked for is recorded.
 */
class CommandCodecWithoutDatabindTest {

  private static final long NOW = 1_764_259_200_000L;

  /** Loads from its own URLs first; remembers every name it is asked for. */
  private static final class CoreOnlyLoader extends URLClassLoader {
    final Set<String> asked = ConcurrentHashMap.newKeySet();

    CoreOnlyLoader(URL... urls) {
      super("core-only", urls, ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      asked.add(name);
      return super.loadClass(name, resolve);
    }
  }

  private static URL locationOf(Class<?> c) {
    return c.getProtectionDomain().getCodeSource().getLocation();
  }

  @Test
  void parsesAndEncodesWithJacksonCoreAloneAsItDoesWithEverythingLoaded() throws Exception {
    List<String> payloads = List.of(
        "{\"id\":\"c-1\",\"op\":\"fade\",\"value\":0.8,\"duration_ms\":300,\"ts\":" + (NOW - 1000)
            + ",\"ttl_ms\":5000,\"correlation\":\"abc\"}",
        "{\"id\":\"c-3\",\"op\":\"color\",\"color\":[255,40,0],\"duration_ms\":2000}",
        "{\"id\":\"c\",\"op\":\"set\",\"value\":1e400}",
        "{\"id\":\"c\",\"op\":\"off\",\"op\":\"on\"}",
        "{\"id\":\"c\",\"op\":\"on\"} trailing",
        "{\"id\":\"c\",\"op\":\"on\"}[",
        "{\"id\":\"c\",\"op\":\"on\",\"x\":" + "[".repeat(1200) + "]".repeat(1200) + "}",
        "[1,2,3]",
        "");
    CommandCodec here = new CommandCodec();

    try (CoreOnlyLoader loader = new CoreOnlyLoader(locationOf(CommandCodec.class), locationOf(JsonFactory.class))) {
      assertThatThrownBy(() -> loader.loadClass("com.fasterxml.jackson.databind.ObjectMapper"))
          .as("the loader really lacks databind").isInstanceOf(ClassNotFoundException.class);
      loader.asked.clear();
      Class<?> codecClass = loader.loadClass(CommandCodec.class.getName());
      assertThat(codecClass.getClassLoader()).isSameAs(loader);
      Class<?> sourceClass = loader.loadClass(CommandSource.class.getName());
      Class<?> resultClass = loader.loadClass(CommandResult.class.getName());
      Class<?> stateClass = loader.loadClass(ActuatorState.class.getName());
      Object codec = codecClass.getConstructor().newInstance();
      Object mqtt = sourceClass.getField("MQTT").get(null);
      Method parse = codecClass.getMethod("parse", byte[].class, String.class, sourceClass, long.class);
      Method encodeResult = codecClass.getMethod("encode", resultClass);
      Method encodeState = codecClass.getMethod("encode", stateClass);

      for (String payload : payloads) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        Object parsed = parse.invoke(codec, bytes, "lamp", mqtt, NOW);
        CommandCodec.Parsed expected = here.parse(bytes, "lamp", CommandSource.MQTT, NOW);
        assertThat(parsed.toString()).as(payload).isEqualTo(expected.toString());
        if (expected instanceof CommandCodec.Invalid invalid) {
          Object result = parsed.getClass().getMethod("result").invoke(parsed);
          assertThat((byte[]) encodeResult.invoke(codec, result)).isEqualTo(here.encode(invalid.result()));
        }
      }
      Object state = stateClass.getConstructor(String.class, double.class, boolean.class, String.class, long.class,
          double.class, long.class, long.class, List.class)
          .newInstance("lamp", 0.3f, false, "c-3", NOW, 1.0, 300L, NOW + 20_000, List.of(255, 40, 0));
      assertThat((byte[]) encodeState.invoke(codec, state)).isEqualTo(here.encode(
          new ActuatorState("lamp", 0.3f, false, "c-3", NOW, 1.0, 300L, NOW + 20_000, List.of(255, 40, 0))));

      assertThat(loader.asked).as("class names the codec asked for").isNotEmpty()
          .noneMatch(name -> name.startsWith("com.fasterxml.jackson.databind."));
    }
  }
}
