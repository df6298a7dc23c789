package dev.fnctl.testkit.aws;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A GET straight to moto, for the fakes and fixes that must know what moto holds (does this alias
 * exist, this schedule group). moto finds the service and region in the Authorization header, and
 * checks no signature, so the caller's own header is passed on.
 */
record MotoLookup(String motoEndpoint) {
  /** The body of a 200 answer to {@code path} (with its query), or empty for any other answer. */
  Optional<String> get(String path, String authorization) {
    try {
      HttpURLConnection c =
          (HttpURLConnection) URI.create(motoEndpoint + path).toURL().openConnection();
      if (authorization != null) c.setRequestProperty("Authorization", authorization);
      try {
        if (c.getResponseCode() != 200) return Optional.empty();
        return Optional.of(new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      } finally {
        c.disconnect();
      }
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
