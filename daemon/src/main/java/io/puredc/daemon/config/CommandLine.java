package io.puredc.daemon.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses {@code java -jar daemon.jar [relay] [--flag value | --flag=value]...}. A config file
 * ({@code --config FILE}, properties or JSON) holds the same keys without the dashes; flags on
 * the command line win, and a repeatable flag given there replaces the file's list.
 */
public final class CommandLine {
    static final Set<String> SINGLE = union(Set.of("root", "bind", "port", "relay", "relay-key", "log-level",
            "tls-cert", "tls-key"), TranscodeOptions.KEYS);
    static final Set<String> REPEATABLE = Set.of("ice-address", "stun", "turn");
    static final Set<String> LOG_LEVELS = Set.of("trace", "debug", "info", "warn", "error", "off");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    /** What the command line asks for: help, or a validated run. */
    public sealed interface Parsed permits Help, Run {
    }

    public record Help(String text) implements Parsed {
    }

    public record Run(Options options) implements Parsed {
    }

    private CommandLine() {
    }

    public static Parsed parse(String... args) throws UsageException {
        List<String> rest = new ArrayList<>(List.of(args));
        Options.Mode mode = Options.Mode.DAEMON;
        if (!rest.isEmpty() && rest.get(0).equals("relay")) {
            mode = Options.Mode.RELAY;
            rest.remove(0);
        }
        Map<String, List<String>> cli = new LinkedHashMap<>();
        String config = null;
        for (Iterator<String> it = rest.iterator(); it.hasNext(); ) {
            String arg = it.next();
            if (arg.equals("--help") || arg.equals("-h")) {
                return new Help(Usage.TEXT);
            }
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument " + arg);
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (!SINGLE.contains(name) && !REPEATABLE.contains(name) && !name.equals("config")) {
                throw new UsageException("unknown option --" + name);
            }
            if (value == null) {
                if (!it.hasNext()) {
                    throw new UsageException("option --" + name + " needs a value");
                }
                value = it.next();
            }
            if (name.equals("config")) {
                if (config != null) {
                    throw new UsageException("option --config given twice");
                }
                config = value;
                continue;
            }
            List<String> values = cli.computeIfAbsent(name, k -> new ArrayList<>());
            if (SINGLE.contains(name) && !values.isEmpty()) {
                throw new UsageException("option --" + name + " given twice");
            }
            values.add(value);
        }
        Map<String, List<String>> merged = config == null ? new LinkedHashMap<>() : readConfig(Path.of(config));
        merged.putAll(cli);
        return new Run(build(mode, merged));
    }

    private static Options build(Options.Mode mode, Map<String, List<String>> v) throws UsageException {
        boolean relayAlone = mode == Options.Mode.RELAY;
        String rootArg = one(v, "root");
        String relayArg = one(v, "relay");
        String relayKey = one(v, "relay-key");
        if (relayAlone) {
            refuse(rootArg != null, "relay: --root is for a daemon, not the relay");
            refuse(relayArg != null, "relay: --relay is for a daemon, not the relay");
            refuse(v.containsKey("ice-address"), "relay: --ice-address is for a daemon, not the relay");
            refuse(relayKey == null || relayKey.isEmpty(), "relay: --relay-key is required");
            for (String k : TranscodeOptions.KEYS) {
                refuse(v.containsKey(k), "relay: --" + k + " is for a daemon, not the relay");
            }
        } else {
            refuse(rootArg == null || rootArg.isEmpty(), "--root DIR is required (see --help)");
            refuse(relayKey != null && relayArg == null, "--relay-key goes with --relay URL");
            refuse(relayArg != null && (relayKey == null || relayKey.isEmpty()), "--relay needs --relay-key");
            refuse(relayArg != null && v.containsKey("tls-cert"),
                    "--tls-cert is for the page's listener; a daemon with --relay has none (give it to the relay)");
        }
        String bind = one(v, "bind") == null ? Options.DEFAULT_BIND : one(v, "bind");
        InetAddress bindAddress;
        try {
            refuse(bind.isEmpty(), "--bind needs an address");
            bindAddress = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new UsageException("--bind " + bind + ": unknown address");
        }
        int port = port(one(v, "port"));
        List<InetAddress> iceAddresses = new ArrayList<>();
        for (String a : v.getOrDefault("ice-address", List.of())) {
            iceAddresses.add(ipLiteral(a));
        }
        List<IceServer> stun = new ArrayList<>();
        for (String s : v.getOrDefault("stun", List.of())) {
            stun.add(IceServer.stun(s));
        }
        List<IceServer> turn = new ArrayList<>();
        for (String s : v.getOrDefault("turn", List.of())) {
            turn.add(IceServer.turn(s));
        }
        String level = one(v, "log-level") == null ? Options.DEFAULT_LOG_LEVEL
                : one(v, "log-level").toLowerCase(Locale.ROOT);
        refuse(!LOG_LEVELS.contains(level), "--log-level must be one of trace, debug, info, warn, error, off");
        return new Options(mode, rootArg == null ? null : Path.of(rootArg), bind, bindAddress, port, iceAddresses,
                stun, turn, relayArg == null ? null : relayUrl(relayArg), relayKey, level,
                TranscodeOptions.config(v), TranscodeOptions.defaultQuality(v), tls(v));
    }

    /** {@code --tls-cert FILE --tls-key FILE} (PEM), or {@code --tls-cert self-signed} alone. */
    private static Options.Tls tls(Map<String, List<String>> v) throws UsageException {
        String cert = one(v, "tls-cert");
        String key = one(v, "tls-key");
        if (cert == null) {
            refuse(key != null, "--tls-key goes with --tls-cert FILE");
            return null;
        }
        if (cert.equals("self-signed")) {
            refuse(key != null, "--tls-cert self-signed generates its own key; drop --tls-key");
            return new Options.Tls(null, null);
        }
        refuse(key == null, "--tls-cert FILE needs --tls-key FILE (or use --tls-cert self-signed)");
        for (String f : List.of(cert, key)) {
            refuse(!Files.isReadable(Path.of(f)), (f.equals(cert) ? "--tls-cert " : "--tls-key ") + f + ": cannot read");
        }
        return new Options.Tls(Path.of(cert), Path.of(key));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    private static void refuse(boolean bad, String message) throws UsageException {
        if (bad) {
            throw new UsageException(message);
        }
    }

    private static String one(Map<String, List<String>> v, String key) {
        List<String> values = v.get(key);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }

    private static int port(String s) throws UsageException {
        if (s == null) {
            return Options.DEFAULT_PORT;
        }
        try {
            int p = Integer.parseInt(s);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--port " + s + ": expected 0..65535 (0 picks a free port)");
    }

    /** An IP address literal; names are refused so that no DNS lookup decides where ICE gathers. */
    private static InetAddress ipLiteral(String s) throws UsageException {
        boolean v4 = IPV4.matcher(s).matches();
        if (v4) {
            for (String part : s.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    v4 = false;
                }
            }
        }
        if (v4 || (s.contains(":") && !s.contains("/"))) {
            try {
                return InetAddress.getByName(s); // a literal: parsed, never looked up
            } catch (UnknownHostException e) {
                // reported below
            }
        }
        throw new UsageException("--ice-address " + s + ": expected an IPv4 or IPv6 address");
    }

    private static URI relayUrl(String s) throws UsageException {
        try {
            URI u = new URI(s);
            if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null
                    && u.getQuery() == null && u.getFragment() == null) {
                return u;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new UsageException("--relay " + s + ": expected an http:// or https:// URL");
    }

    /** Reads a properties or JSON config file into the same shape as the command line. */
    static Map<String, List<String>> readConfig(Path file) throws UsageException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("--config " + file + ": cannot read (" + e.getMessage() + ")");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (text.strip().startsWith("{")) {
            readJson(file, text, out);
        } else {
            Properties p = new Properties();
            try {
                p.load(new StringReader(text));
            } catch (IOException | IllegalArgumentException e) {
                throw new UsageException("--config " + file + ": not a properties file (" + e.getMessage() + ")");
            }
            for (String key : p.stringPropertyNames()) {
                checkKey(file, key);
                List<String> values = new ArrayList<>();
                String raw = p.getProperty(key).trim();
                if (REPEATABLE.contains(key)) {
                    for (String part : raw.split(",")) {
                        if (!part.isBlank()) {
                            values.add(part.trim());
                        }
                    }
                } else {
                    values.add(raw);
                }
                out.put(key, values);
            }
        }
        return out;
    }

    private static void readJson(Path file, String text, Map<String, List<String>> out) throws UsageException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new UsageException("--config " + file + ": not valid JSON");
        }
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            checkKey(file, e.getKey());
            List<String> values = new ArrayList<>();
            JsonNode n = e.getValue();
            if (n.isArray() && REPEATABLE.contains(e.getKey())) {
                for (JsonNode item : n) {
                    values.add(scalar(file, e.getKey(), item));
                }
            } else {
                values.add(scalar(file, e.getKey(), n));
            }
            out.put(e.getKey(), values);
        }
    }

    private static String scalar(Path file, String key, JsonNode n) throws UsageException {
        if (n.isTextual() || n.isIntegralNumber()) {
            return n.asText();
        }
        throw new UsageException("--config " + file + ": " + key + " must be a string"
                + (key.equals("port") ? " or a number" : "") + (REPEATABLE.contains(key) ? " or a list" : ""));
    }

    private static void checkKey(Path file, String key) throws UsageException {
        if (!SINGLE.contains(key) && !REPEATABLE.contains(key)) {
            throw new UsageException("--config " + file + ": unknown key " + key);
        }
    }
}
