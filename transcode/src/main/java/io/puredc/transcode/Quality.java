package io.puredc.transcode;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The quality cap a session asks for ({@code "quality"} in POST /api/sessions). */
public enum Quality {
  P2160("2160p", 2160),
  P1080("1080p", 1080),
  P720("720p", 720),
  P480("480p", 480),
  ORIGINAL("original", 0);

  private final String label;
  private final int maxHeight;

  Quality(String label, int maxHeight) {
    this.label = label;
    this.maxHeight = maxHeight;
  }

  /** The tallest picture allowed, in lines; 0 means no cap. */
  public int maxHeight() {
    return maxHeight;
  }

  public String label() {
    return label;
  }

  /** True when a picture of {@code height} lines must be scaled down for this cap. */
  public boolean forcesDownscale(int height) {
    return maxHeight > 0 && height > maxHeight;
  }

  /**
   * Parses {@code 2160p}, {@code 1080p}, {@code 720p}, {@code 480p} or {@code original}
   * (case-insensitive).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static Quality parse(String text) {
    if (text != null) {
      String t = text.trim().toLowerCase(Locale.ROOT);
      for (Quality q : values()) {
        if (q.label.equals(t)) {
          return q;
        }
      }
    }
    throw new IllegalArgumentException("unknown quality '" + text + "'; expected one of "
        + Arrays.stream(values()).map(Quality::label).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return label;
  }
}
