package io.puredc.daemon.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootDirectoryTest {
    @TempDir
    Path tmp;
    Path rootDir;
    Path outside;
    RootDirectory root;

    @BeforeEach
    void setUp() throws IOException {
        rootDir = Files.createDirectories(tmp.resolve("root"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.write(rootDir.resolve("a.mp4"), new byte[10]);
        Files.createDirectories(rootDir.resolve("sub/deeper"));
        Files.write(rootDir.resolve("sub/deeper/b.mkv"), new byte[3]);
        Files.write(outside.resolve("secret.txt"), new byte[7]);
        root = RootDirectory.open(rootDir);
    }

    @Test
    void resolvesAFileInsideTheRootToItsRealPath() throws Exception {
        assertEquals(Optional.of(rootDir.resolve("sub/deeper/b.mkv").toRealPath()), root.resolve("sub/deeper/b.mkv"));
    }

    @Test
    void aMissingFileOrADirectoryIsNotFoundRatherThanRefused() throws Exception {
        assertEquals(Optional.empty(), root.resolve("nope.mp4"));
        assertEquals(Optional.empty(), root.resolve("sub"));
    }

    @Test
    void dotDotIsRefusedEvenWhenItWouldStayInside() {
        assertThrows(PathRefusedException.class, () -> root.resolve("../outside/secret.txt"));
        assertThrows(PathRefusedException.class, () -> root.resolve("sub/../a.mp4"));
        assertThrows(PathRefusedException.class, () -> root.resolve(".."));
    }

    @Test
    void absolutePathsAreRefused() {
        String abs = outside.resolve("secret.txt").toAbsolutePath().toString();
        assertThrows(PathRefusedException.class, () -> root.resolve(abs));
        assertThrows(PathRefusedException.class, () -> root.resolve("/a.mp4"));
    }

    @Test
    void nulBytesAreRefused() {
        assertThrows(PathRefusedException.class, () -> root.resolve("a.mp4\0.txt"));
        assertThrows(PathRefusedException.class, () -> root.resolve("\0"));
    }

    @Test
    void aSymlinkToAFileOutsideTheRootIsRefused() throws Exception {
        Files.createSymbolicLink(rootDir.resolve("escape.txt"), outside.resolve("secret.txt"));
        assertThrows(PathRefusedException.class, () -> root.resolve("escape.txt"));
    }

    @Test
    void aSymlinkedDirectoryLeadingOutOfTheRootIsRefused() throws Exception {
        Files.createSymbolicLink(rootDir.resolve("out"), outside);
        assertThrows(PathRefusedException.class, () -> root.resolve("out/secret.txt"));
    }

    @Test
    void aSymlinkThatStaysInsideTheRootIsServed() throws Exception {
        Files.createSymbolicLink(rootDir.resolve("alias.mp4"), rootDir.resolve("a.mp4"));
        assertEquals(Optional.of(rootDir.resolve("a.mp4").toRealPath()), root.resolve("alias.mp4"));
    }

    @Test
    void emptyDotAndBackslashSegmentsAreRefused() {
        for (String bad : List.of("", "./a.mp4", "sub//deeper/b.mkv", "sub/", "..\\outside\\secret.txt")) {
            assertThrows(PathRefusedException.class, () -> root.resolve(bad), bad);
        }
    }

    @Test
    void listsEveryRegularFileRecursivelyWithItsSizeButNoEscapingLink() throws Exception {
        Files.createSymbolicLink(rootDir.resolve("escape.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(rootDir.resolve("out"), outside);
        Files.createSymbolicLink(rootDir.resolve("alias.mp4"), rootDir.resolve("a.mp4"));
        assertEquals(List.of(
                new FileEntry("a.mp4", 10),
                new FileEntry("alias.mp4", 10),
                new FileEntry("sub/deeper/b.mkv", 3)), root.list());
    }

    @Test
    void openingANonDirectoryOrMissingRootFails() {
        assertThrows(IOException.class, () -> RootDirectory.open(rootDir.resolve("a.mp4")));
        assertThrows(IOException.class, () -> RootDirectory.open(tmp.resolve("missing")));
    }

    @Test
    void everyListedPathResolvesBackToItsFile() throws Exception {
        for (FileEntry f : root.list()) {
            assertTrue(root.resolve(f.path()).isPresent(), f.path());
        }
    }
}
