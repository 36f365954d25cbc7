package org.streetsense.gateway.config.impl;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" hints: the closest known word within a small edit distance. */
public final class Suggestions {

  private Suggestions() {}

  /**
   * The candidate closest to {@code word}, if it is close enough to be a likely typo: equal
   * ignoring case or separators, or at most {@code max(1, length / 3)} edits away (capped at 3).
   */
  public static Optional<String> closest(String word, Collection<String> candidates) {
    String normal = normalise(word);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      if (normalise(candidate).equals(normal)) {
        return Optional.of(candidate);
      }
      int distance = distance(word.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        bestDistance = distance;
        best = candidate;
      }
    }
    int allowed = Math.min(3, Math.max(1, word.length() / 3));
    return bestDistance <= allowed ? Optional.ofNullable(best) : Optional.empty();
  }

  /** {@code "; did you mean 'x'?"} or an empty string. */
  public static String hint(String word, Collection<String> candidates) {
    return closest(word, candidates).map(c -> "; did you mean '" + c + "'?").orElse("");
  }

  /** {@code "did you mean 'x'? "} or an empty string, to put before a list of allowed values. */
  public static String didYouMean(String word, Collection<String> candidates) {
    return closest(word, candidates).map(c -> "did you mean '" + c + "'? ").orElse("");
  }

  private static String normalise(String word) {
    return word.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
  }

  /** Levenshtein distance with adjacent transpositions counted as one edit. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
