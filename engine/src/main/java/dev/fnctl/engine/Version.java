package dev.fnctl.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** This build's version, recorded in plans (filled in by the build from the project version). */
public final class Version {
  private static final String VERSION = read();

  private Version() {}

  public static String current() {
    return VERSION;
  }

  private static String read() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in == null) return "dev";
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "dev");
      return v.startsWith("${") ? "dev" : v;
    } catch (IOException e) {
      return "dev";
    }
  }
}
