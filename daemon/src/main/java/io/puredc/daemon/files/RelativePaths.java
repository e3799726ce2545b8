package io.puredc.daemon.files;

/**
 * The syntactic half of path safety, shared by the embedded daemon (which then checks the disk)
 * and the relay alone (which only knows file lists). A path that passes names something strictly
 * below a root, whatever the root is.
 */
public final class RelativePaths {
    /** Longer paths are refused before any work is done on them; no file system allows much more. */
    public static final int MAX_LENGTH = 4096;

    private RelativePaths() {
    }

    /**
     * Returns {@code path} if it is a clean relative path: '/'-separated, no leading '/', no empty,
     * "." or ".." segment, no NUL and no backslash (a Windows separator a browser may send).
     */
    public static String check(String path) throws PathRefusedException {
        if (path == null || path.isEmpty()) {
            throw new PathRefusedException("empty path");
        }
        if (path.length() > MAX_LENGTH) {
            throw new PathRefusedException("path longer than " + MAX_LENGTH + " characters");
        }
        if (path.indexOf('\0') >= 0) {
            throw new PathRefusedException("NUL byte in path");
        }
        if (path.indexOf('\\') >= 0) {
            throw new PathRefusedException("backslash in path");
        }
        if (path.charAt(0) == '/') {
            throw new PathRefusedException("absolute path");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                throw new PathRefusedException("empty or '.' segment in path");
            }
            if (segment.equals("..")) {
                throw new PathRefusedException("'..' in path");
            }
        }
        return path;
    }
}
