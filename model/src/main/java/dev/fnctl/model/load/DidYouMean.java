package dev.fnctl.model.load;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Suggests the known word closest to a misspelt one, as in "did you mean 'memory'?". */
final class DidYouMean {
  private DidYouMean() {}

  /** The closest candidate within a distance that still looks like a typo, if any. */
  static Optional<String> closest(String written, Collection<String> candidates) {
    String w = written.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(w, c.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    int allowed = Math.max(1, Math.min(3, w.length() / 3));
    return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  /** " (did you mean 'x'?)" or, with no close candidate, the list of what is allowed. */
  static String hint(String written, Collection<String> candidates) {
    return closest(written, candidates)
        .map(c -> "did you mean '" + c + "'?")
        .orElseGet(
            () -> candidates.isEmpty() ? "" : "expected one of: " + String.join(", ", candidates));
  }

  /** Levenshtein distance, with a swap of two neighbours counted as one edit. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
