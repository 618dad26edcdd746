package io.privastream.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds ffmpeg and ffprobe: the ones bundled from Maven Central ({@code org.bytedeco:ffmpeg},
 * one jar per platform), the system's, or a given path.
 *
 * <p>{@link #locate(String)} accepts:
 * <ul>
 *   <li>{@code auto} (default): {@code $PRIVASTREAM_FFMPEG} if set, else bundled, else the
 *       system's ({@code ffmpeg} on the PATH);</li>
 *   <li>{@code bundled}, {@code system};</li>
 *   <li>a path to an ffmpeg executable, with ffprobe beside it.</li>
 * </ul>
 * The bundled executables are extracted once into {@code $PRIVASTREAM_CACHE} (default
 * {@code ~/.cache/privastream}) under {@code ffmpeg/<jar name>/<platform>/}; extraction goes to a
 * temporary directory first and is moved into place, so two processes racing are safe.
 * Thread-safe; results are cached per choice.
 */
public final class FfmpegLocator {
    private static final Logger LOG = LoggerFactory.getLogger(FfmpegLocator.class);
    private static final java.util.Map<String, Ffmpeg> FOUND = new java.util.concurrent.ConcurrentHashMap<>();

    private FfmpegLocator() {
    }

    /** The default choice: {@code auto}. */
    public static Ffmpeg locate() {
        return locate("auto");
    }

    /**
     * Finds ffmpeg per {@code choice} (see the class doc).
     *
     * @throws MediaException saying what to install or pass when nothing usable is found
     */
    public static Ffmpeg locate(String choice) {
        return FOUND.computeIfAbsent(choice == null ? "auto" : choice, FfmpegLocator::find);
    }

    private static Ffmpeg find(String choice) {
        switch (choice) {
            case "auto" -> {
                String env = System.getenv("PRIVASTREAM_FFMPEG");
                if (env != null && !env.isBlank()) {
                    return fromPath(Path.of(env), "PRIVASTREAM_FFMPEG");
                }
                Optional<Ffmpeg> bundled = bundled();
                if (bundled.isPresent()) {
                    return bundled.get();
                }
                return system().orElseThrow(() -> new MediaException("no ffmpeg: no bundled build for " + Platform.current()
                        + " on the classpath and none on the PATH; install ffmpeg or pass --ffmpeg PATH"));
            }
            case "bundled" -> {
                return bundled().orElseThrow(() -> new MediaException("no bundled ffmpeg for " + Platform.current()
                        + " (the org.bytedeco:ffmpeg jar for it is not on the classpath); use --ffmpeg system or a path"));
            }
            case "system" -> {
                return system().orElseThrow(() -> new MediaException("no ffmpeg on the PATH; install it (e.g. apt-get install ffmpeg) or use --ffmpeg bundled"));
            }
            default -> {
                return fromPath(Path.of(choice), "given path");
            }
        }
    }

    private static Ffmpeg fromPath(Path ffmpeg, String origin) {
        Path probe = ffmpeg.resolveSibling(Platform.current().executable("ffprobe"));
        if (!Files.isExecutable(ffmpeg) || !Files.isExecutable(probe)) {
            throw new MediaException(origin + " " + ffmpeg + ": expected executable ffmpeg with ffprobe beside it");
        }
        return new Ffmpeg(ffmpeg, probe, version(ffmpeg), origin);
    }

    private static Optional<Ffmpeg> system() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        Platform p = Platform.current();
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path ffmpeg = Path.of(dir).resolve(p.executable("ffmpeg"));
            if (Files.isExecutable(ffmpeg) && Files.isExecutable(ffmpeg.resolveSibling(p.executable("ffprobe")))) {
                try {
                    return Optional.of(new Ffmpeg(ffmpeg, ffmpeg.resolveSibling(p.executable("ffprobe")), version(ffmpeg), "system"));
                } catch (MediaException e) {
                    LOG.warn("ignoring {}: {}", ffmpeg, e.getMessage());
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Ffmpeg> bundled() {
        Platform p = Platform.current();
        String folder = "org/bytedeco/ffmpeg/" + p.classifier() + "/";
        URL marker = FfmpegLocator.class.getClassLoader().getResource(folder + p.executable("ffmpeg"));
        if (marker == null) {
            return Optional.empty();
        }
        try {
            Path dir = extract(marker, folder, p);
            Path ffmpeg = dir.resolve(p.executable("ffmpeg"));
            return Optional.of(new Ffmpeg(ffmpeg, dir.resolve(p.executable("ffprobe")), version(ffmpeg), "bundled"));
        } catch (IOException e) {
            throw new MediaException("cannot extract the bundled ffmpeg: " + e.getMessage(), e);
        }
    }

    /** Extracts every file of {@code folder} from the jar holding {@code marker}; reuses a complete earlier extraction. */
    private static Path extract(URL marker, String folder, Platform p) throws IOException {
        Path cache = cacheRoot();
        if (!"jar".equals(marker.getProtocol())) {
            // Running from an exploded classpath (an IDE): use the files where they are.
            try {
                return Path.of(marker.toURI()).getParent();
            } catch (URISyntaxException e) {
                throw new IOException("cannot read " + marker, e);
            }
        }
        JarURLConnection conn = (JarURLConnection) marker.openConnection();
        conn.setUseCaches(false);
        String jarName = Path.of(conn.getJarFileURL().getPath()).getFileName().toString().replace(".jar", "");
        Path target = cache.resolve("ffmpeg").resolve(jarName).resolve(p.classifier());
        if (Files.isRegularFile(target.resolve(".complete"))) {
            return target;
        }
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempDirectory(target.getParent(), p.classifier() + ".partial-");
        try (JarFile jar = conn.getJarFile()) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                if (e.isDirectory() || !e.getName().startsWith(folder)) {
                    continue;
                }
                String name = e.getName().substring(folder.length());
                if (name.contains("/")) {
                    continue;
                }
                try (InputStream in = jar.getInputStream(e)) {
                    Files.copy(in, temp.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
                temp.resolve(name).toFile().setExecutable(true, false);
            }
        }
        Files.writeString(temp.resolve(".complete"), jarName + "\n", StandardCharsets.UTF_8);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException | AtomicMoveNotSupportedException raced) {
            // Another process finished first (or a partial leftover is there): use what is complete.
            deleteTree(temp);
            if (!Files.isRegularFile(target.resolve(".complete"))) {
                deleteTree(target);
                return extract(marker, folder, p);
            }
        }
        LOG.info("extracted the bundled ffmpeg to {}", target);
        return target;
    }

    /** Where downloads and encodings are cached: {@code PRIVASTREAM_CACHE}, else {@code ~/.cache/privastream}. */
    static Path cacheRoot() {
        String env = System.getenv("PRIVASTREAM_CACHE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "privastream");
    }

    private static String version(Path ffmpeg) {
        try {
            Process proc = new ProcessBuilder(ffmpeg.toString(), "-hide_banner", "-version").redirectErrorStream(true).start();
            byte[] out = proc.getInputStream().readNBytes(64 * 1024);
            if (!proc.waitFor(10, TimeUnit.SECONDS)) {
                proc.destroyForcibly();
                throw new MediaException(ffmpeg + " -version did not answer within 10 s");
            }
            String first = new String(out, StandardCharsets.UTF_8).lines().findFirst().orElse("");
            if (proc.exitValue() != 0 || !first.startsWith("ffmpeg version")) {
                throw new MediaException(ffmpeg + " does not run here (exit " + proc.exitValue() + "): " + first);
            }
            return first;
        } catch (IOException e) {
            throw new MediaException("cannot run " + ffmpeg + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaException("interrupted while checking " + ffmpeg);
        }
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(walk.toList());
            java.util.Collections.reverse(all);
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException ignored) {
            // Best effort: a leftover temp directory is harmless.
        }
    }

    /** The platform names the bytedeco jars use. */
    record Platform(String classifier, boolean windows) {
        static Platform current() {
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
            String a = switch (arch) {
                case "amd64", "x86_64" -> "x86_64";
                case "aarch64", "arm64" -> "arm64";
                default -> arch;
            };
            if (os.contains("win")) {
                return new Platform("windows-" + a, true);
            }
            if (os.contains("mac") || os.contains("darwin")) {
                return new Platform("macosx-" + a, false);
            }
            return new Platform("linux-" + a, false);
        }

        String executable(String name) {
            return windows ? name + ".exe" : name;
        }

        @Override
        public String toString() {
            return classifier;
        }
    }
}
