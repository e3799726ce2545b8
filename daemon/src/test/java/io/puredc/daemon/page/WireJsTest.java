package io.puredc.daemon.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the page's JavaScript tests ({@code src/test/js/*.test.cjs}: wire.js against the golden
 * vectors the Java codec uses, the SSE parser, the range transfer, the worker's range arithmetic)
 * with {@code node --test}, as part of the Maven build. Node is required: without it this fails.
 */
class WireJsTest {
    private static final long TIMEOUT_SECONDS = 60;
    private static final Pattern PASS = Pattern.compile("^# pass (\\d+)$", Pattern.MULTILINE);
    private static final Pattern FAIL = Pattern.compile("^# fail (\\d+)$", Pattern.MULTILINE);

    @TempDir
    Path tmp;

    /** The module's directory: surefire sets basedir; a run from the IDE starts there anyway. */
    static Path moduleDir() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    }

    @Test
    void nodeTestsOfThePagePass() throws Exception {
        Path dir = moduleDir().resolve("src/test/js");
        List<String> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".test.cjs")).map(Path::toString).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no *.test.cjs in " + dir);
        // The files are named explicitly: how `node --test DIR` finds files differs between Node versions.
        List<String> cmd = new ArrayList<>(List.of("node", "--test", "--test-reporter=tap"));
        cmd.addAll(files);
        Path out = tmp.resolve("node-test.out");
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(moduleDir().toFile())
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        } catch (IOException e) {
            fail("cannot run node (" + e.getMessage() + "): Node.js must be installed and on PATH to test the page's JavaScript");
            return;
        }
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("node --test did not finish within " + TIMEOUT_SECONDS + " s:\n" + read(out));
            }
        } finally {
            p.destroyForcibly();
        }
        String tap = read(out);
        assertEquals(0, p.exitValue(), "node --test failed:\n" + tap);
        assertEquals(0, count(FAIL, tap), tap);
        assertTrue(count(PASS, tap) > 0, "node --test ran no test:\n" + tap);
    }

    private static int count(Pattern p, String tap) {
        Matcher m = p.matcher(tap);
        assertTrue(m.find(), "no '" + p.pattern() + "' line in the TAP output:\n" + tap);
        return Integer.parseInt(m.group(1));
    }

    private static String read(Path out) throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
