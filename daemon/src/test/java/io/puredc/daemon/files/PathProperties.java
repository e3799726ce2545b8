package io.puredc.daemon.files;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever a client sends, resolution either refuses it, finds nothing, or finds a regular file
 * whose real path is inside the root, including through links pointing in and out.
 */
class PathProperties {
    static Path tmp;
    static Path realRoot;
    static RootDirectory root;

    @BeforeContainer
    static void tree() throws IOException {
        tmp = Files.createTempDirectory("puredc-paths");
        Path r = Files.createDirectories(tmp.resolve("root/a/b"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.write(tmp.resolve("root/a/b/f.mp4"), new byte[1]);
        Files.write(tmp.resolve("root/top.mp4"), new byte[1]);
        Files.write(outside.resolve("secret"), new byte[1]);
        Files.createSymbolicLink(tmp.resolve("root/out"), outside);
        Files.createSymbolicLink(tmp.resolve("root/a/up"), tmp.resolve("root"));
        Files.createSymbolicLink(tmp.resolve("root/a/secret-link"), outside.resolve("secret"));
        root = RootDirectory.open(r.getParent().getParent());
        realRoot = root.path();
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        try (Stream<Path> all = Files.walk(tmp)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.of("a", "b", "f.mp4", "top.mp4", "out", "up", "secret", "secret-link", "..", ".", "",
                "/", "\0", "\\", "root", "outside").list().ofMinSize(1).ofMaxSize(8)
                .map(parts -> String.join("/", parts).replace("//", "/"));
    }

    @Property(tries = 2000)
    void resolutionNeverLeavesTheRoot(@ForAll("paths") String path) throws IOException {
        checkStaysInside(path);
    }

    @Property
    void arbitraryStringsNeverEscapeEither(@ForAll String path) throws IOException {
        checkStaysInside(path);
    }

    private static void checkStaysInside(String path) throws IOException {
        Optional<Path> found;
        try {
            found = root.resolve(path);
        } catch (PathRefusedException e) {
            return;
        }
        if (found.isPresent()) {
            Path real = found.get().toRealPath();
            assertTrue(real.startsWith(realRoot) && Files.isRegularFile(real), path + " -> " + real);
        }
    }
}
