import com.fazecast.jSerialComm.SerialPort;

/**
 * Loads the native libraries the gateway jar bundles (Pi4J gpiod, jSerialComm) on the JVM it
 * runs on and prints what it found; exits 1 if any fails to load. Used by arm64-check.sh inside
 * an emulated Raspberry Pi OS root. Compiled by the script (javac --release 17); not part of
 * the Maven build.
 */
public final class NativeLoadProbe {

  public static void main(String[] args) {
    System.out.println("os.arch=" + System.getProperty("os.arch") + " java.version="
        + System.getProperty("java.version"));
    boolean ok = true;
    try {
      Class.forName("com.pi4j.library.gpiod.internal.GpioD", true,
          NativeLoadProbe.class.getClassLoader());
      System.out.println("pi4j-gpiod native: loaded");
    } catch (Throwable e) {
      ok = false;
      System.out.println("pi4j-gpiod native: FAILED " + e);
    }
    try {
      SerialPort[] ports = SerialPort.getCommPorts();
      System.out.println("jSerialComm " + SerialPort.getVersion() + " native: loaded, "
          + ports.length + " serial port(s)");
    } catch (Throwable e) {
      ok = false;
      System.out.println("jSerialComm native: FAILED " + e);
    }
    System.out.println(ok ? "native libraries: OK" : "native libraries: FAILED");
    System.exit(ok ? 0 : 1);
  }
}
