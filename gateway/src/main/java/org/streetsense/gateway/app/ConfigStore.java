package org.streetsense.gateway.app;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.streetsense.gateway.uplink.TopicNames;

/**
 * The gateway's own record of installation files, in a directory it may write (the systemd
 * unit's state directory; {@code /etc} is read-only to the service):
 *
 * <ul>
 *   <li>{@code good.json}: the last known good file (one that passed the health gate), with its
 *       version and digest, and the digest of the local file ({@code --config}) it was decided
 *       against;
 *   <li>{@code candidate.json}: the file being applied, written before the running gateway is
 *       touched and removed once the apply is decided; found at boot, it means the process died
 *       during an apply, and the last known good file is used;
 *   <li>{@code highest}: the highest delivery version ever processed (replays and stale versions
 *       are refused against it);
 *   <li>{@code states.json}: the actuator state topics the gateway may have left a retained
 *       state on: those of the actuators it drives and of the most recent
 *       {@value #MAX_STATE_TOPICS} it no longer drives, so a start with a file that no longer
 *       declares an actuator clears its state (again at every start: a broker that lost its
 *       last save may have brought a cleared state back).
 * </ul>
 *
 * <p>Every file is written whole to a temporary file, forced to disk, renamed over the old one
 * and the directory forced (decision 0345): after a power cut a reader finds the old or the new
 * content, never a mix. Blocking; called from the reloader's thread only.
 */
final class ConfigStore {

  /** A stored installation file. */
  record Stored(byte[] bytes, ConfigStamp stamp, String localDigest) {}

  /** Most bytes of {@code states.json} read (some 10,000 topics). */
  static final long MAX_STATES_BYTES = 1 << 20;
  /** State topics of actuators no longer driven that are kept recorded, the most recent. */
  static final int MAX_STATE_TOPICS = 1024;

  private final Path dir;

  ConfigStore(Path dir) {
    this.dir = dir;
  }

  Path dir() {
    return dir;
  }

  /** Creates the directory (mode per the process umask). */
  ConfigStore open() throws IOException {
    Files.createDirectories(dir);
    Files.deleteIfExists(dir.resolve("good.json.tmp"));
    Files.deleteIfExists(dir.resolve("candidate.json.tmp"));
    Files.deleteIfExists(dir.resolve("highest.tmp"));
    Files.deleteIfExists(dir.resolve("states.json.tmp"));
    return this;
  }

  Optional<Stored> good() throws IOException {
    return read(dir.resolve("good.json"));
  }

  Optional<Stored> candidate() throws IOException {
    return read(dir.resolve("candidate.json"));
  }

  void writeGood(Stored s) throws IOException {
    writeAtomically(dir.resolve("good.json"), encode(s));
  }

  void writeCandidate(Stored s) throws IOException {
    writeAtomically(dir.resolve("candidate.json"), encode(s));
  }

  void clearCandidate() throws IOException {
    Files.deleteIfExists(dir.resolve("candidate.json"));
    forceDirectory(dir);
  }

  void clearGood() throws IOException {
    Files.deleteIfExists(dir.resolve("good.json"));
    forceDirectory(dir);
  }

  long highest() throws IOException {
    Path p = dir.resolve("highest");
    if (!Files.exists(p)) {
      return 0;
    }
    try {
      return Long.parseLong(Files.readString(p).trim());
    } catch (NumberFormatException e) {
      throw new IOException(p + " is damaged: " + e.getMessage(), e);
    }
  }

  void writeHighest(long version) throws IOException {
    writeAtomically(dir.resolve("highest"), Long.toString(version).getBytes(StandardCharsets.US_ASCII));
  }

  /** Whether a record of state topics exists (readable or not). */
  boolean hasStateTopics() {
    return Files.exists(dir.resolve("states.json"), java.nio.file.LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * The recorded state topics; empty when none were recorded.
   *
   * @throws IOException naming the file when it cannot be read, is larger than
   *     {@value #MAX_STATES_BYTES} bytes, or holds anything but a JSON array of actuator state
   *     topics (no wildcard, ending in {@code /state})
   */
  List<String> stateTopics() throws IOException {
    Path p = dir.resolve("states.json");
    if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    String text;
    try {
      if (!Files.isRegularFile(p)) {
        throw new IOException("not a regular file");
      }
      if (Files.size(p) > MAX_STATES_BYTES) {
        throw new IOException("larger than " + MAX_STATES_BYTES + " bytes");
      }
      text = Files.readString(p);
    } catch (IOException e) {
      throw new IOException(p + " is damaged: " + e.getMessage(), e);
    }
    try {
      JsonArray a = new JsonArray(text);
      List<String> topics = new ArrayList<>(a.size());
      for (int i = 0; i < a.size(); i++) {
        Object topic = a.getValue(i);
        if (!(topic instanceof String t) || !isStateTopic(t)) {
          throw new IOException(p + " is damaged: entry " + (i + 1) + " is not an actuator state "
              + "topic");
        }
        topics.add(t);
      }
      return topics;
    } catch (DecodeException e) {
      throw new IOException(p + " is damaged: " + e.getMessage(), e);
    }
  }

  /** A topic one can publish to ({@link TopicNames#requirePublishable}) ending in {@code /state}. */
  static boolean isStateTopic(String t) {
    if (!t.endsWith("/state") || t.length() == "/state".length()) {
      return false;
    }
    try {
      TopicNames.requirePublishable(t, "state topic");
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Moves an unreadable {@code states.json} aside to {@code states.json.damaged} (replacing an
   * older one), so it is not overwritten and can be looked at.
   */
  Path setAsideStateTopics() throws IOException {
    Path aside = dir.resolve("states.json.damaged");
    if (Files.isDirectory(aside, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(aside + " is a directory");
    }
    Files.move(dir.resolve("states.json"), aside, StandardCopyOption.REPLACE_EXISTING);
    forceDirectory(dir);
    return aside;
  }

  void writeStateTopics(Collection<String> topics) throws IOException {
    writeAtomically(dir.resolve("states.json"),
        new JsonArray(new ArrayList<Object>(topics)).encode().getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] encode(Stored s) {
    return new JsonObject().put("version", s.stamp().version()).put("digest", s.stamp().digest())
        .put("local", s.localDigest())
        .put("file", Base64.getEncoder().encodeToString(s.bytes()))
        .encode().getBytes(StandardCharsets.UTF_8);
  }

  private static Optional<Stored> read(Path p) throws IOException {
    if (!Files.exists(p)) {
      return Optional.empty();
    }
    try {
      JsonObject j = new JsonObject(Files.readString(p));
      byte[] bytes = Base64.getDecoder().decode(j.getString("file"));
      ConfigStamp stamp = new ConfigStamp(j.getLong("version"), j.getString("digest"));
      if (!ConfigStamp.digest(bytes).equals(stamp.digest())) {
        throw new IOException(p + " does not match its digest");
      }
      return Optional.of(new Stored(bytes, stamp, j.getString("local")));
    } catch (DecodeException | IllegalArgumentException | NullPointerException | ClassCastException e) {
      throw new IOException(p + " is damaged: " + e.getMessage(), e);
    }
  }

  /** Temporary file, force, rename over {@code target}, force the directory. */
  static void writeAtomically(Path target, byte[] content) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.wrap(content);
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    forceDirectory(target.getParent());
  }

  private static void forceDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
