package dev.devcaster.stress.process;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the container image ({@code operator/Dockerfile}) does with the JVM, read from the Dockerfile
 * itself so that a program which runs the operator "as the image does" cannot drift from it: the
 * training run of its build ({@code RUN java … --training}, which writes the class data archive)
 * and the JVM flags of its {@code ENTRYPOINT} (which map that archive). The image's paths under
 * {@code /app} become the local jar, libraries and archive; the JVM is this one.
 *
 * @param trainingFlags the training run's JVM flags, the image's archive path still in them
 * @param startFlags    the entrypoint's JVM flags, the same
 * @param classpath     the classpath both use (the archive is valid for that classpath only)
 * @param archive       the archive's path in the image
 * @param arguments     what the training run passes to {@code Main}
 */
public record ImageRecipe(List<String> trainingFlags, List<String> startFlags, String classpath, String archive,
                          List<String> arguments) {

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
        return new ImageRecipe(flags(training), flags(entrypoint), classpath, archive,
            training.subList(training.indexOf(MAIN) + 1, training.size()));
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
     * Runs the image's training run here, with this JVM, the packaged jar and libraries: writes
     * {@code localArchive} as the image build writes its archive.
     */
    public void train(OperatorProcess.Jar jar, Path localArchive, Path logFile) {
        jar.requirePackaged();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        trainingFlags.forEach(f -> command.add(f.replace(archive, localArchive.toString())));
        command.add("-cp");
        command.add(jar.classpath());
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
            if (current.isEmpty() && (line.startsWith("#") || line.isEmpty())) {
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
