package io.puredc.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.puredc.daemon.testing.Http;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The main logic run in-process, with stdout and stderr captured. */
@Timeout(30)
class LauncherTest {
    static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/\n");

    @TempDir
    Path tmp;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    Launcher.Outcome start(String... args) {
        return Launcher.start(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), 300);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    void assertOneLineError(int code, Launcher.Outcome outcome, String mentions) {
        assertEquals(new Launcher.Exit(code), outcome);
        String e = err();
        assertTrue(e.startsWith("daemon: ") && e.endsWith("\n") && e.indexOf('\n') == e.length() - 1, e);
        assertTrue(e.contains(mentions), e);
        assertEquals("", out());
    }

    @Test
    void aBadFlagIsOneLineOnStderrAndExitCode2() {
        assertOneLineError(2, start("--root", tmp.toString(), "--frobnicate"), "--frobnicate");
    }

    @Test
    void aBadPortIsExitCode2() {
        assertOneLineError(2, start("--root", tmp.toString(), "--port", "70000"), "--port");
    }

    @Test
    void aMissingRootIsExitCode2() {
        assertOneLineError(2, start("--root", tmp.resolve("nope").toString(), "--port", "0"), "no such directory");
    }

    @Test
    void aRootThatIsAFileIsExitCode2() throws Exception {
        Path file = Files.write(tmp.resolve("f"), new byte[1]);
        assertOneLineError(2, start("--root", file.toString(), "--port", "0"), "not a directory");
    }

    @Test
    void anUnreachableExternalRelayIsExitCode1() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort(); // free once closed: nothing listens there
        }
        assertOneLineError(1, start("--root", tmp.toString(), "--relay", "http://127.0.0.1:" + port + "/",
                "--relay-key", "k"), "cannot reach relay");
    }

    @Test
    void aDaemonWithAnExternalRelayRegistersThereInsteadOfListening() throws Exception {
        Files.write(tmp.resolve("clip.mp4"), new byte[7]);
        Launcher.Started relayStarted = assertInstanceOf(Launcher.Started.class,
                Launcher.start(new String[] {"relay", "--port", "0", "--relay-key", "k1"},
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), 300));
        try (Running relay = relayStarted.running()) {
            String url = "http://127.0.0.1:" + relay.address().getPort() + "/";
            assertOneLineError(2, start("--root", tmp.toString(), "--relay", url, "--relay-key", "wrong"),
                    "refused registration with 401");
            Launcher.Started daemon = assertInstanceOf(Launcher.Started.class,
                    start("--root", tmp.toString(), "--relay", url, "--relay-key", "k1"));
            try (Running running = daemon.running()) {
                Matcher m = Pattern.compile("using relay " + Pattern.quote(url) + " as daemon ([\\w-]+)\n")
                        .matcher(out());
                assertTrue(m.matches(), out());
                Http http = new Http("http://127.0.0.1:" + relay.address().getPort());
                assertEquals("{\"files\":[{\"path\":\"clip.mp4\",\"size\":7,\"daemonId\":\"" + m.group(1) + "\"}]}",
                        http.get("/api/files").body());
                running.close();
                assertTrue(running.awaitClosed(2, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void helpGoesToStdoutWithExitCode0() {
        assertEquals(new Launcher.Exit(0), start("--help"));
        assertTrue(out().startsWith("Usage:"), out());
        assertEquals("", err());
    }

    @Test
    void aBusyPortIsExitCode1() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertOneLineError(1, start("--root", tmp.toString(), "--port", Integer.toString(busy.getLocalPort())),
                    "cannot listen");
        }
    }

    @Test
    void startsPrintsExactlyTheListeningLineAndServes() throws Exception {
        Files.write(tmp.resolve("clip.mp4"), new byte[42]);
        Launcher.Started started = assertInstanceOf(Launcher.Started.class, start("--root", tmp.toString(),
                "--port", "0", "--stun", "stun:stun.example.org", "--turn", "turn:u:p@turn.example.org:3478",
                "--log-level", "warn"));
        try (Running running = started.running()) {
            Matcher m = LISTENING.matcher(out());
            assertTrue(m.matches(), out());
            int port = Integer.parseInt(m.group(1));
            assertEquals(running.address().getPort(), port);
            assertTrue(port > 0);
            Http http = new Http("http://127.0.0.1:" + port);
            assertEquals("{\"files\":[{\"path\":\"clip.mp4\",\"size\":42}]}", http.get("/api/files").body());
            assertEquals("{\"iceServers\":[{\"urls\":\"stun:stun.example.org\"},{\"urls\":\"turn:turn.example.org:3478\","
                    + "\"username\":\"u\",\"credential\":\"p\"}]}", http.get("/api/ice-servers").body());
            assertEquals(201, http.post("/api/sessions", "{\"path\":\"clip.mp4\"}").status());
            running.close();
            assertTrue(running.awaitClosed(2, TimeUnit.SECONDS));
        }
    }

    @Test
    void theRelaySubcommandRunsTheRelayAlone() throws Exception {
        Launcher.Started started = assertInstanceOf(Launcher.Started.class,
                start("relay", "--port", "0", "--relay-key", "k1"));
        try (Running running = started.running()) {
            assertTrue(LISTENING.matcher(out()).matches(), out());
            Http http = new Http("http://127.0.0.1:" + running.address().getPort());
            assertEquals(401, http.post("/api/daemons", "k2", "{\"files\":[]}").status());
            assertEquals(201, http.post("/api/daemons", "k1", "{\"files\":[{\"path\":\"a.mp4\",\"size\":1}]}").status());
            assertTrue(http.get("/api/files").body().contains("\"daemonId\""));
        }
    }
}
