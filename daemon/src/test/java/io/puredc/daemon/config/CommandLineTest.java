package io.puredc.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
    @TempDir
    Path tmp;

    static Options run(String... args) throws UsageException {
        return assertInstanceOf(CommandLine.Run.class, CommandLine.parse(args)).options();
    }

    static String refused(String... args) {
        return assertThrows(UsageException.class, () -> CommandLine.parse(args)).getMessage();
    }

    @Test
    void defaults() throws Exception {
        Options o = run("--root", "/srv/videos");
        assertEquals(Options.Mode.DAEMON, o.mode());
        assertEquals(Path.of("/srv/videos"), o.root());
        assertEquals("127.0.0.1", o.bind());
        assertEquals(InetAddress.getByName("127.0.0.1"), o.bindAddress());
        assertEquals(8080, o.port());
        assertEquals(List.of(), o.iceAddresses());
        assertEquals(List.of(), o.iceServersJson());
        assertNull(o.relay());
        assertEquals("info", o.logLevel());
    }

    @Test
    void everyFlagInBothSpellings() throws Exception {
        Options o = run("--root=/r", "--bind", "::1", "--port=0", "--ice-address", "10.233.0.5",
                "--ice-address=fe80::1", "--stun", "stun:stun.example.org:3478", "--stun=stuns:s2.example.org",
                "--turn", "turn:alice:s3cret@turn.example.org:3478?transport=udp",
                "--relay", "https://relay.example.org/", "--relay-key", "k", "--log-level", "DEBUG");
        assertEquals("::1", o.bind());
        assertEquals("[::1]", o.urlHost());
        assertEquals(0, o.port());
        assertEquals(List.of(InetAddress.getByName("10.233.0.5"), InetAddress.getByName("fe80::1")), o.iceAddresses());
        assertEquals(List.of(
                Map.of("urls", "stun:stun.example.org:3478"),
                Map.of("urls", "stuns:s2.example.org"),
                Map.of("urls", "turn:turn.example.org:3478?transport=udp", "username", "alice", "credential", "s3cret")),
                o.iceServersJson());
        assertEquals(URI.create("https://relay.example.org/"), o.relay());
        assertEquals("k", o.relayKey());
        assertEquals("debug", o.logLevel());
    }

    @Test
    void relaySubcommand() throws Exception {
        Options o = run("relay", "--port", "9000", "--relay-key", "secret");
        assertEquals(Options.Mode.RELAY, o.mode());
        assertEquals(9000, o.port());
        assertEquals("secret", o.relayKey());
        assertNull(o.root());
        assertTrue(refused("relay", "--port", "9000").contains("--relay-key"));
        assertTrue(refused("relay", "--relay-key", "k", "--root", "/r").contains("--root"));
        assertTrue(refused("relay", "--relay-key", "k", "--ice-address", "10.0.0.1").contains("--ice-address"));
    }

    @Test
    void helpWinsAndExplainsEveryFlag() throws Exception {
        String text = assertInstanceOf(CommandLine.Help.class, CommandLine.parse("--port", "x", "--help")).text();
        for (String flag : List.of("--root", "--bind", "--port", "--ice-address", "--stun", "--turn", "--relay ",
                "--relay-key", "--log-level", "--config", "--help", "relay")) {
            assertTrue(text.contains(flag), flag);
        }
        assertInstanceOf(CommandLine.Help.class, CommandLine.parse("relay", "-h"));
    }

    @Test
    void badFlagsAreRefusedWithAMessageNamingThem() {
        assertTrue(refused("--root", "/r", "--nope").contains("--nope"));
        assertTrue(refused("--root", "/r", "--port").contains("needs a value"));
        assertTrue(refused("--root", "/r", "stray").contains("stray"));
        assertTrue(refused().contains("--root"));
        assertTrue(refused("--root", "/a", "--root", "/b").contains("twice"));
        for (String port : List.of("-1", "65536", "http", "")) {
            assertTrue(refused("--root", "/r", "--port", port).contains("--port"), port);
        }
        assertTrue(refused("--root", "/r", "--bind", "no-such-host.invalid").contains("--bind"));
        for (String addr : List.of("example.org", "300.1.1.1", "10.0.0.0/8", "1.2.3")) {
            assertTrue(refused("--root", "/r", "--ice-address", addr).contains("--ice-address"), addr);
        }
        for (String stun : List.of("http://stun.example.org", "stun:", "stun:host:0", "stun:host:99999",
                "stun:u:p@host")) {
            assertTrue(refused("--root", "/r", "--stun", stun).contains("--stun"), stun);
        }
        for (String turn : List.of("turn:turn.example.org", "turn:alice@host", "turn::p@host",
                "turn:a:p@host?transport=sctp", "stun:a:p@host")) {
            assertTrue(refused("--root", "/r", "--turn", turn).contains("--turn"), turn);
        }
        assertTrue(refused("--root", "/r", "--relay", "ftp://x").contains("--relay"));
        assertTrue(refused("--root", "/r", "--relay", "http://x").contains("--relay-key"));
        assertTrue(refused("--root", "/r", "--relay-key", "k").contains("--relay"));
        assertTrue(refused("--root", "/r", "--log-level", "loud").contains("--log-level"));
    }

    @Test
    void aPropertiesConfigFileWithCommandLineOverrides() throws Exception {
        Path cfg = tmp.resolve("daemon.properties");
        Files.writeString(cfg, """
                # comments are fine
                root=/from/config
                port=9001
                stun=stun:a.example.org, stun:b.example.org
                ice-address=10.0.0.1
                log-level=warn
                """);
        Options o = run("--config", cfg.toString(), "--port", "9002", "--stun", "stun:c.example.org");
        assertEquals(Path.of("/from/config"), o.root());
        assertEquals(9002, o.port(), "the command line wins");
        assertEquals(List.of(Map.of("urls", "stun:c.example.org")), o.iceServersJson(), "and replaces lists");
        assertEquals(List.of(InetAddress.getByName("10.0.0.1")), o.iceAddresses());
        assertEquals("warn", o.logLevel());
    }

    @Test
    void aJsonConfigFile() throws Exception {
        Path cfg = tmp.resolve("daemon.json");
        Files.writeString(cfg, "{\"root\": \"/j\", \"port\": 7000, \"turn\": [\"turn:u:p@t.example.org\"],"
                + " \"bind\": \"0.0.0.0\"}");
        Options o = run("--config=" + cfg);
        assertEquals(Path.of("/j"), o.root());
        assertEquals(7000, o.port());
        assertEquals("0.0.0.0", o.bind());
        assertEquals(List.of(Map.of("urls", "turn:t.example.org", "username", "u", "credential", "p")),
                o.iceServersJson());
    }

    @Test
    void badConfigFilesAreRefused() throws Exception {
        assertTrue(refused("--config", tmp.resolve("missing.properties").toString()).contains("cannot read"));
        Path unknown = Files.writeString(tmp.resolve("u.properties"), "root=/r\ncolour=blue\n");
        assertTrue(refused("--config", unknown.toString()).contains("colour"));
        Path broken = Files.writeString(tmp.resolve("b.json"), "{\"root\": ");
        assertTrue(refused("--config", broken.toString()).contains("JSON"));
        Path nested = Files.writeString(tmp.resolve("n.json"), "{\"root\": {\"x\": 1}}");
        assertTrue(refused("--config", nested.toString()).contains("root"));
        Path badPort = Files.writeString(tmp.resolve("p.properties"), "root=/r\nport=eighty\n");
        assertTrue(refused("--config", badPort.toString()).contains("--port"));
    }

    @Test
    void transcodingSettings() throws Exception {
        Options d = run("--root", "/r");
        assertEquals(io.puredc.transcode.TranscodeConfig.defaults(), d.transcode());
        assertEquals(io.puredc.transcode.Quality.ORIGINAL, d.quality());
        Options o = run("--root", "/r", "--quality", "720p", "--encoder", "vaapi", "--x264-preset", "fast",
                "--video-bitrate", "2500k", "--vaapi-device", "/dev/dri/renderD129", "--transcode-dir", tmp.toString(),
                "--ffmpeg", "/opt/ff/ffmpeg", "--ffprobe", "/opt/ff/ffprobe");
        assertEquals(io.puredc.transcode.Quality.P720, o.quality());
        assertEquals(io.puredc.transcode.Encoder.VAAPI, o.transcode().encoder());
        assertEquals("fast", o.transcode().x264Preset());
        assertEquals(2_500_000, o.transcode().videoBitrate());
        assertEquals("/dev/dri/renderD129", o.transcode().vaapiDevice());
        assertEquals(tmp, o.transcode().tempDir());
        assertEquals("/opt/ff/ffmpeg", o.transcode().ffmpeg());
        assertEquals("/opt/ff/ffprobe", o.transcode().ffprobe());
        assertEquals(4_000_000, run("--root", "/r", "--video-bitrate", "4M").transcode().videoBitrate());
    }

    @Test
    void badTranscodingSettingsAreUsageErrors() {
        assertTrue(refused("--root", "/r", "--quality", "4k").startsWith("--quality: "));
        assertTrue(refused("--root", "/r", "--encoder", "quicksync").contains("--encoder"));
        assertTrue(refused("--root", "/r", "--x264-preset", "warp").contains("--x264-preset"));
        assertTrue(refused("--root", "/r", "--video-bitrate", "fast").contains("--video-bitrate"));
        assertTrue(refused("--root", "/r", "--transcode-dir", tmp.resolve("missing").toString()).contains("--transcode-dir"));
        assertTrue(refused("relay", "--relay-key", "k", "--quality", "720p").contains("is for a daemon"));
    }

    @Test
    void tlsIsPemFilesOrSelfSigned() throws Exception {
        assertNull(run("--root", "/r").tls());
        assertEquals("http", run("--root", "/r").scheme());
        Options self = run("--root", "/r", "--tls-cert", "self-signed");
        assertTrue(self.tls().selfSigned());
        assertEquals("https", self.scheme());
        Path cert = Files.writeString(tmp.resolve("c.pem"), "x");
        Path key = Files.writeString(tmp.resolve("k.pem"), "x");
        Options files = run("--root", "/r", "--tls-cert", cert.toString(), "--tls-key", key.toString());
        assertEquals(new Options.Tls(cert, key), files.tls());
        assertTrue(refused("--root", "/r", "--tls-cert", cert.toString()).contains("--tls-key"));
        assertTrue(refused("--root", "/r", "--tls-key", key.toString()).contains("--tls-cert"));
        assertTrue(refused("--root", "/r", "--tls-cert", "self-signed", "--tls-key", key.toString()).contains("self-signed"));
        assertTrue(refused("--root", "/r", "--tls-cert", tmp.resolve("none.pem").toString(), "--tls-key", key.toString())
                .contains("cannot read"));
        assertTrue(refused("--root", "/r", "--relay", "http://127.0.0.1:9/", "--relay-key", "k", "--tls-cert", "self-signed")
                .contains("a daemon with --relay has none"));
        assertEquals("https", run("relay", "--relay-key", "k", "--tls-cert", "self-signed").scheme());
    }
}
