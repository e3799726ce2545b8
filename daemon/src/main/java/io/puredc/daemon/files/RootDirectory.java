package io.puredc.daemon.files;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The served folder. Every path a client sends is resolved here and nowhere else, so the
 * "inside the root only" rule has one implementation.
 */
public final class RootDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(RootDirectory.class);

    /** A listing stops here: the page and the relay's JSON must stay small enough to serve. */
    public static final int MAX_LISTED_FILES = 100_000;

    private final Path root;

    private RootDirectory(Path realRoot) {
        this.root = realRoot;
    }

    /** Opens {@code dir}, which must be a readable directory; the root is kept as its real path. */
    public static RootDirectory open(Path dir) throws IOException {
        Path real = dir.toRealPath();
        if (!Files.isDirectory(real)) {
            throw new IOException(dir + " is not a directory");
        }
        if (!Files.isReadable(real) || !Files.isExecutable(real)) {
            throw new IOException(dir + " is not readable");
        }
        return new RootDirectory(real);
    }

    public Path path() {
        return root;
    }

    /**
     * Resolves a client's relative path to the real path of a regular file inside the root.
     * Empty when nothing (or no regular file) is there; {@link PathRefusedException} when the path
     * is malformed or leads out of the root, through ".." or through a symbolic link.
     */
    public Optional<Path> resolve(String relative) throws PathRefusedException {
        RelativePaths.check(relative);
        Path candidate = root.resolve(relative).normalize();
        if (!candidate.startsWith(root)) {
            throw new PathRefusedException("path leaves the root");
        }
        if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (NoSuchFileException e) {
            return Optional.empty(); // a dangling link names nothing
        } catch (IOException e) {
            LOG.debug("cannot resolve {}: {}", relative, e.toString());
            return Optional.empty();
        }
        if (!real.startsWith(root)) {
            throw new PathRefusedException("path leaves the root through a symbolic link");
        }
        return Files.isRegularFile(real) ? Optional.of(real) : Optional.empty();
    }

    /**
     * Every regular file under the root, recursively, sorted by path. Links are listed only when
     * they end at a regular file inside the root; linked directories are not entered (no cycles,
     * no escape). Unreadable subfolders are skipped.
     */
    public List<FileEntry> list() {
        List<FileEntry> out = new ArrayList<>();
        try {
            Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            if (out.size() >= MAX_LISTED_FILES) {
                                LOG.warn("listing stopped at {} files", MAX_LISTED_FILES);
                                return FileVisitResult.TERMINATE;
                            }
                            String rel = relativeName(file);
                            if (!servable(rel)) {
                                return FileVisitResult.CONTINUE; // e.g. a backslash in a name: resolve() would refuse it
                            }
                            if (attrs.isRegularFile()) {
                                out.add(new FileEntry(rel, attrs.size()));
                            } else if (attrs.isSymbolicLink()) {
                                addLinkedFile(rel, out);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            LOG.debug("skipping {}: {}", file, e.toString());
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", root, e.toString());
        }
        out.sort(Comparator.comparing(FileEntry::path));
        return out;
    }

    private void addLinkedFile(String rel, List<FileEntry> out) {
        try {
            Optional<Path> target = resolve(rel);
            if (target.isPresent()) {
                out.add(new FileEntry(rel, Files.size(target.get())));
            }
        } catch (PathRefusedException | IOException e) {
            LOG.debug("not listing {}: {}", rel, e.getMessage());
        }
    }

    private static boolean servable(String rel) {
        try {
            RelativePaths.check(rel);
            return true;
        } catch (PathRefusedException e) {
            return false;
        }
    }

    private String relativeName(Path file) {
        Path rel = root.relativize(file);
        StringBuilder sb = new StringBuilder();
        for (Path part : rel) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(part);
        }
        return sb.toString();
    }
}
