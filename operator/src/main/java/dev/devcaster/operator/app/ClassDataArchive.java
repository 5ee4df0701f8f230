package dev.devcaster.operator.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The class data archive the JVM was told to map ({@code -XX:SharedArchiveFile}, as the image's
 * ENTRYPOINT does). A JVM that cannot use it (written by another JVM build, for another classpath,
 * or the jars' times changed since, as some image builders do) starts without it and says nothing,
 * only slower; the operator says it, so a slow start has a visible cause.
 */
public final class ClassDataArchive {

    private static final String FLAG = "-XX:SharedArchiveFile=";

    private ClassDataArchive() {
    }

    /**
     * A warning when an archive was asked for and {@code memoryMaps} (the process's
     * {@code /proc/self/maps}) does not show it mapped; empty when none was asked for, it is mapped,
     * or the maps cannot be read (not Linux).
     */
    public static Optional<String> unmapped(List<String> jvmArguments, Path memoryMaps) {
        Optional<String> archive = jvmArguments.stream().filter(a -> a.startsWith(FLAG))
            .map(a -> a.substring(FLAG.length())).reduce((first, last) -> last);
        if (archive.isEmpty()) {
            return Optional.empty();
        }
        String maps;
        try {
            maps = Files.readString(memoryMaps);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (mapped(archive.get(), maps)) {
            return Optional.empty();
        }
        return Optional.of("the class data archive " + archive.get() + " is not mapped (missing, or written by another "
            + "JVM build, for another classpath, or for jars whose times changed since): the operator starts "
            + "without it, its classes loaded from the jars, so a start takes about half a second longer");
    }

    /** Whether a process's memory map ({@code /proc/<pid>/maps}, as text) shows this archive file mapped. */
    public static boolean mapped(String archive, String memoryMaps) {
        return memoryMaps.contains(archive);
    }
}
