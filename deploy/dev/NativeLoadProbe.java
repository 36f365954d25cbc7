import com.fazecast.jSerialComm.SerialPort;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Loads the native libraries the gateway jar bundles (Pi4J gpiod, jSerialComm) on the JVM it
 * runs on, calls into each, and prints what happened; exits 1 if any fails. Used by
 * arm64-check.sh inside an emulated Raspberry Pi OS root. Compiled by the script
 * (javac --release 17); not part of the Maven build.
 *
 * <p>Pi4J's own loader refuses to load when it cannot identify the board (no
 * /proc/device-tree/model under emulation) and only logs a warning, so the probe loads the
 * bundled gpiod libraries itself and then makes a native call: an UnsatisfiedLinkError means the
 * library does not work on this architecture; any other answer means the native code ran.
 */
public final class NativeLoadProbe {

  public static void main(String[] args) throws Exception {
    String arch = System.getProperty("os.arch");
    System.out.println("os.arch=" + arch + " java.version=" + System.getProperty("java.version"));
    boolean ok = probeGpiod(arch.equals("aarch64") ? "aarch64" : "armhf");
    ok &= probeSerial();
    System.out.println(ok ? "native libraries: OK" : "native libraries: FAILED");
    System.exit(ok ? 0 : 1);
  }

  private static boolean probeGpiod(String dir) throws Exception {
    try {
      Path tmp = Files.createTempDirectory("pi4j-probe");
      for (String lib : new String[] {"libgpiod.so", "libpi4j-gpiod.so"}) {
        Path target = tmp.resolve(lib);
        try (InputStream in = NativeLoadProbe.class.getResourceAsStream(
            "/lib/" + dir + "/pi4j-gpiod/" + lib)) {
          if (in == null) {
            System.out.println("pi4j-gpiod native: FAILED, /lib/" + dir + "/pi4j-gpiod/" + lib
                + " is not in the jar");
            return false;
          }
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        System.load(target.toString());
      }
      Class<?> gpiod = Class.forName("com.pi4j.library.gpiod.internal.GpioD");
      Method chipOpen = gpiod.getDeclaredMethod("chipOpen", String.class);
      chipOpen.setAccessible(true);
      try {
        Object chip = chipOpen.invoke(null, "/dev/gpiochip0");
        System.out.println("pi4j-gpiod native: loaded, chipOpen(/dev/gpiochip0) -> " + chip);
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof UnsatisfiedLinkError) {
          throw (UnsatisfiedLinkError) e.getCause();
        }
        System.out.println("pi4j-gpiod native: loaded, chipOpen(/dev/gpiochip0) answered "
            + e.getCause());
      }
      return true;
    } catch (Throwable e) {
      System.out.println("pi4j-gpiod native: FAILED " + e);
      return false;
    }
  }

  private static boolean probeSerial() {
    try {
      SerialPort[] ports = SerialPort.getCommPorts();
      System.out.println("jSerialComm " + SerialPort.getVersion() + " native: loaded, "
          + ports.length + " serial port(s)");
      return true;
    } catch (Throwable e) {
      System.out.println("jSerialComm native: FAILED " + e);
      return false;
    }
  }
}
