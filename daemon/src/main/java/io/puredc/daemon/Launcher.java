package io.puredc.daemon;

import io.puredc.daemon.client.RelayClient;
import io.puredc.daemon.config.CommandLine;
import io.puredc.daemon.config.Options;
import io.puredc.daemon.config.UsageException;
import io.puredc.daemon.files.RootDirectory;
import io.puredc.daemon.http.HttpServer;
import io.puredc.daemon.http.PageTls;
import io.puredc.daemon.http.ServerSettings;
import io.puredc.daemon.relay.Relay;
import io.puredc.daemon.session.IceSettings;
import io.puredc.daemon.session.SessionManager;
import io.puredc.transcode.Transcoder;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logic behind {@code main}, callable in-process: parses, starts, prints the
 * {@code listening on} line, and reports failures as one stderr line and an exit code instead
 * of exiting, so tests can run it.
 */
public final class Launcher {
    public static final int EXIT_OK = 0;
    /** The listen address cannot be bound, or the external relay cannot be reached. */
    public static final int EXIT_CANNOT_LISTEN = 1;
    public static final int EXIT_USAGE = 2;

    /** Either a running daemon or relay, or the exit code to leave with. */
    public sealed interface Outcome permits Exit, Started {
    }

    public record Exit(int code) implements Outcome {
    }

    public record Started(Running running) implements Outcome {
    }

    private Launcher() {
    }

    public static Outcome start(String[] args, PrintStream out, PrintStream err) {
        return start(args, out, err, ServerSettings.MAX_STREAM_MILLIS);
    }

    /** {@code maxStreamMillis} lets tests shorten the 25 s response cut. */
    public static Outcome start(String[] args, PrintStream out, PrintStream err, long maxStreamMillis) {
        CommandLine.Parsed parsed;
        try {
            parsed = CommandLine.parse(args);
        } catch (UsageException e) {
            err.println("daemon: " + e.getMessage());
            return new Exit(EXIT_USAGE);
        }
        if (parsed instanceof CommandLine.Help help) {
            out.print(help.text());
            out.flush();
            return new Exit(EXIT_OK);
        }
        Options o = ((CommandLine.Run) parsed).options();
        configureLogging(o.logLevel()); // before the first logger exists, or it has no effect
        Logger log = LoggerFactory.getLogger(Launcher.class);

        SSLContext tls = null;
        if (o.tls() != null) {
            try {
                tls = o.tls().selfSigned() ? PageTls.selfSigned(o.bindAddress())
                        : PageTls.fromPem(o.tls().certificate(), o.tls().privateKey());
            } catch (IOException e) {
                err.println("daemon: " + e.getMessage());
                return new Exit(EXIT_USAGE);
            }
        }
        Relay relay;
        SessionManager sessions = null;
        if (o.mode() == Options.Mode.RELAY) {
            relay = Relay.alone(o.relayKey(), Clock.systemUTC());
        } else {
            RootDirectory root;
            try {
                root = RootDirectory.open(o.root());
            } catch (IOException e) {
                err.println("daemon: cannot read root " + o.root() + ": " + describe(e));
                return new Exit(EXIT_USAGE);
            }
            if (o.relay() != null) {
                return useExternalRelay(o, root, out, err, RelayClient.Settings.DEFAULT);
            }
            relay = Relay.embedded(root, Clock.systemUTC());
            sessions = SessionManager.embedded(relay, IceSettings.peerConfig(o), new Transcoder(o.transcode()),
                    o.quality());
            relay.setListener(sessions);
            log.info("serving {} ({} files)", root.path(), root.list().size());
        }
        HttpServer server;
        try {
            server = HttpServer.start(relay,
                    ServerSettings.defaults(o.iceServersJson()).withMaxStreamMillis(maxStreamMillis).withTls(tls),
                    new InetSocketAddress(o.bindAddress(), o.port()));
        } catch (IOException e) {
            err.println("daemon: cannot listen on " + o.urlHost() + ":" + o.port() + ": " + describe(e));
            if (sessions != null) {
                sessions.close();
            }
            return new Exit(EXIT_CANNOT_LISTEN);
        }
        // Sessions first: each browser hears bye through the relay before the server goes.
        Running running = new Running(server.address(), sessions == null ? List.of(server) : List.of(sessions, server));
        out.println("listening on " + o.scheme() + "://" + o.urlHost() + ":" + server.address().getPort() + "/");
        out.flush();
        return new Started(running);
    }

    /**
     * A daemon with {@code --relay}: no listener of its own (the page and the API are the relay's);
     * it registers its files there and takes sessions from the relay's events stream.
     */
    static Outcome useExternalRelay(Options o, RootDirectory root, PrintStream out, PrintStream err,
                                    RelayClient.Settings settings) {
        SessionManager sessions = SessionManager.external(o.relay(), IceSettings.peerConfig(o),
                new Transcoder(o.transcode()), o.quality());
        RelayClient client;
        try {
            client = RelayClient.connect(o.relay(), o.relayKey(), root, sessions, settings);
        } catch (RelayClient.RegistrationException e) {
            sessions.close();
            err.println("daemon: " + e.getMessage());
            return new Exit(e.keyRefused() ? EXIT_USAGE : EXIT_CANNOT_LISTEN);
        }
        out.println("using relay " + o.relay() + " as daemon " + client.daemonId());
        out.flush();
        // The client first, so no new session arrives while the others end.
        return new Started(new Running(null, List.of(client, sessions)));
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }

    /** Held so that the JUL loggers keep their level (JUL keeps loggers weakly). */
    private static final List<java.util.logging.Logger> QUIETED = new java.util.ArrayList<>();

    private static void configureLogging(String level) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
        // ice4j logs through java.util.logging, a line per closed socket at WARNING; what a user
        // needs from ICE (a session failing) is in our own log. Shown again at debug and trace.
        boolean verbose = level.equals("debug") || level.equals("trace");
        for (String name : List.of("org.ice4j", "org.jitsi")) {
            java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
            l.setLevel(verbose ? java.util.logging.Level.FINE : java.util.logging.Level.SEVERE);
            synchronized (QUIETED) {
                QUIETED.add(l);
            }
        }
    }
}
