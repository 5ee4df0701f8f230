package dev.devcaster.stress.process;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the container image ({@code operator/Dockerfile}) does with the JVM, read from the Dockerfile
 * itself so that a program which runs the operator "as the image does" cannot drift from it: the
 * training run of its build ({@code RUN java … --training}, which writes the class data archive)
 * and the JVM flags of its {@code ENTRYPOINT} (which map that archive). The image's paths become
 * local ones through its {@code COPY} lines (the packaged jar, its libraries) and the archive a
 * caller names; the JVM is this one.
 *
 * @param trainingFlags the training run's JVM flags, the image's archive path still in them
 * @param startFlags    the entrypoint's JVM flags, the same
 * @param classpath     the classpath both use, as in the image (the archive is valid for that classpath only)
 * @param archive       the archive's path in the image
 * @param arguments     what the training run passes to {@code Main}
 * @param copies        the image's {@code COPY} lines: path in the image → source in the build context
 */
public record ImageRecipe(List<String> trainingFlags, List<String> startFlags, String classpath, String archive,
                          List<String> arguments, Map<String, String> copies) {

    private static final String MAIN = "dev.devcaster.operator.Main";
    private static final Pattern TOKEN = Pattern.compile("\"([^\"]*)\"|'([^']*)'|(\\S+)");
    private static final Pattern ARCHIVE_FLAG = Pattern.compile("-XX:(?:ArchiveClassesAtExit|SharedArchiveFile)=(\\S+)");
    private static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(2);

    public static ImageRecipe read(Path dockerfile) {
        List<String> lines;
        try {
            lines = logicalLines(Files.readString(dockerfile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dockerfile, e);
        }
        List<String> training = lines.stream().filter(l -> l.startsWith("RUN java ") && l.contains(MAIN)).findFirst()
            .map(l -> tokens(l.substring("RUN ".length())))
            .orElseThrow(() -> new IllegalStateException(dockerfile + " has no RUN java … " + MAIN + " (the training run)"));
        List<String> entrypoint = lines.stream().filter(l -> l.startsWith("ENTRYPOINT ")).findFirst()
            .map(l -> json(l.substring("ENTRYPOINT ".length()).trim()))
            .orElseThrow(() -> new IllegalStateException(dockerfile + " has no ENTRYPOINT"));
        String classpath = classpath(training, dockerfile);
        if (!classpath.equals(classpath(entrypoint, dockerfile))) {
            throw new IllegalStateException(dockerfile + ": the training run and the ENTRYPOINT use other classpaths, "
                + "so the JVM would refuse the archive");
        }
        String archive = archive(training, "ArchiveClassesAtExit", dockerfile);
        if (!archive.equals(archive(entrypoint, "SharedArchiveFile", dockerfile))) {
            throw new IllegalStateException(dockerfile + ": the ENTRYPOINT maps another archive than the training writes");
        }
        Map<String, String> copies = new LinkedHashMap<>();
        lines.stream().filter(l -> l.startsWith("COPY ")).map(l -> tokens(l.substring("COPY ".length())))
            .filter(t -> t.size() == 2).forEach(t -> copies.put(t.get(1), t.get(0)));
        return new ImageRecipe(flags(training), flags(entrypoint), classpath, archive,
            training.subList(training.indexOf(MAIN) + 1, training.size()), Map.copyOf(copies));
    }

    /** {@code operator/Dockerfile} of this repository. */
    public static ImageRecipe ofRepository() {
        return read(OperatorProcess.repoRoot().resolve("operator/Dockerfile"));
    }

    /** The image's start flags with the local archive in place of the image's. */
    public List<String> startFlags(Path localArchive) {
        return startFlags.stream().map(f -> f.replace(archive, localArchive.toString())).toList();
    }

    /**
     * The image's classpath with the packaged jar and libraries in place of what the image copied
     * them to: the same entries in the same order, which the archive requires.
     */
    public String localClasspath(OperatorProcess.Jar jar) {
        List<String> local = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            Map.Entry<String, String> copy = copies.entrySet().stream()
                .filter(c -> entry.equals(c.getKey()) || c.getKey().endsWith("/") && entry.startsWith(c.getKey()))
                .findFirst().orElseThrow(() -> new IllegalStateException("the image's classpath entry " + entry
                    + " is not copied into the image by a COPY line"));
            Path source = Path.of(copy.getValue());
            Path packaged = source.getFileName().equals(jar.jar().getFileName()) ? jar.jar()
                : source.getFileName().equals(jar.lib().getFileName()) ? jar.lib() : null;
            if (packaged == null) {
                throw new IllegalStateException("the image copies " + copy.getValue() + ", which is neither the "
                    + "operator's jar nor its libraries");
            }
            String rest = entry.substring(copy.getKey().length());
            local.add(rest.isEmpty() ? packaged.toString() : packaged + File.separator + rest);
        }
        return String.join(File.pathSeparator, local);
    }

    /**
     * Runs the image's training run here, with this JVM, the packaged jar and libraries: writes
     * {@code localArchive} as the image build writes its archive.
     */
    public void train(OperatorProcess.Jar jar, Path localArchive, Path logFile) {
        jar.requirePackaged();
        List<String> command = new ArrayList<>();
        command.add(OperatorProcess.javaLauncher().toString());
        trainingFlags.forEach(f -> command.add(f.replace(archive, localArchive.toString())));
        command.add("-cp");
        command.add(localClasspath(jar));
        command.add(MAIN);
        command.addAll(arguments);
        try {
            Files.deleteIfExists(localArchive);
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
            // As in the image build: the chart's JAVA_TOOL_OPTIONS apply to the operator, not to its training.
            builder.environment().remove("JAVA_TOOL_OPTIONS");
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(TRAINING_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the training run took over " + TRAINING_TIMEOUT + "; " + logFile);
            }
            if (process.exitValue() != 0 || !Files.isRegularFile(localArchive)) {
                throw new IllegalStateException("the training run failed (exit " + process.exitValue() + ", archive "
                    + (Files.isRegularFile(localArchive) ? "written" : "missing") + "); " + logFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the training run", e);
        }
    }

    /** Dockerfile lines with their backslash continuations joined, comments left out. */
    static List<String> logicalLines(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            // Docker drops comment lines, also inside a continued instruction.
            if (line.startsWith("#") || current.isEmpty() && line.isEmpty()) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
            } else {
                lines.add(current.append(line).toString().replaceAll("\\s+", " ").strip());
                current.setLength(0);
            }
        }
        return lines;
    }

    static List<String> tokens(String shellCommand) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(shellCommand);
        while (m.find()) {
            tokens.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
        }
        return tokens;
    }

    private static List<String> json(String array) {
        try {
            return new ObjectMapper().readValue(array, new TypeReference<List<String>>() { });
        } catch (IOException e) {
            throw new IllegalStateException("ENTRYPOINT is not in exec form (a JSON array): " + array, e);
        }
    }

    /** The flags between {@code java} and {@code -cp}. */
    private static List<String> flags(List<String> command) {
        return List.copyOf(command.subList(1, command.indexOf("-cp")));
    }

    private static String classpath(List<String> command, Path dockerfile) {
        int at = command.indexOf("-cp");
        if (command.isEmpty() || !command.get(0).equals("java") || at < 0 || at + 2 >= command.size()
            || !command.get(at + 2).equals(MAIN)) {
            throw new IllegalStateException(dockerfile + ": expected java [flags] -cp CLASSPATH " + MAIN + ", got "
                + command);
        }
        return command.get(at + 1);
    }

    private static String archive(List<String> command, String flag, Path dockerfile) {
        return flags(command).stream().map(ARCHIVE_FLAG::matcher).filter(Matcher::matches)
            .filter(m -> m.group(0).contains(flag)).map(m -> m.group(1)).findFirst()
            .orElseThrow(() -> new IllegalStateException(dockerfile + ": no -XX:" + flag + "=… in " + command));
    }
}
