package io.puredc.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Peer names and their launchers under {@code conformance/bin}. {@code java} is reserved for the
 * Java peer program that the peer module will provide at {@code bin/java-peer}; until then a cell
 * naming it fails with that reason (it is never skipped).
 */
public final class Peers {

  /** Name to launcher file and extra arguments. */
  static final Map<String, List<String>> KNOWN = Map.of(
      "werift", List.of("werift-peer"),
      "node-datachannel", List.of("node-datachannel-peer"),
      "chromium", List.of("chromium-peer"),
      "chromium-mdns", List.of("chromium-peer", "--mdns"),
      "java", List.of("java-peer"));

  private Peers() {}

  /** The conformance module folder: {@code -Dpuredc.conformance.dir}, else found from the working directory. */
  public static Path moduleDir() {
    String prop = System.getProperty("puredc.conformance.dir");
    if (prop != null) {
      return Path.of(prop).toAbsolutePath();
    }
    Path cwd = Path.of("").toAbsolutePath();
    for (Path p : List.of(cwd, cwd.resolve("conformance"))) {
      if (Files.isRegularFile(p.resolve("bin/install-peers.sh"))) {
        return p;
      }
    }
    return cwd.resolve("conformance");
  }

  /** A peer name becomes its launcher; anything else is a command line split on spaces. */
  public static List<String> command(String nameOrCommand) {
    List<String> known = KNOWN.get(nameOrCommand);
    if (known != null) {
      List<String> cmd = new ArrayList<>();
      cmd.add(moduleDir().resolve("bin").resolve(known.get(0)).toString());
      cmd.addAll(known.subList(1, known.size()));
      return cmd;
    }
    return Arrays.asList(nameOrCommand.trim().split("\\s+"));
  }

  /** Chromium gathers no loopback candidates: its runs need the namespace. */
  public static boolean needsNetns(String nameOrCommand) {
    return nameOrCommand.contains("chromium");
  }

  /** Why a launcher did not start, naming the reserved Java launcher's owner when it is the one missing. */
  static String describeMissing(List<String> cmd, Exception e) {
    Path first = Path.of(cmd.get(0));
    if (first.getFileName().toString().equals("java-peer") && !Files.exists(first)) {
      return first + ": not built yet (the Java peer program comes with the peer module)";
    }
    return String.join(" ", cmd) + ": " + e.getMessage();
  }
}
