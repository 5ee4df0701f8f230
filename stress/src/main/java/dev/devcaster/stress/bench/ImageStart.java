package dev.devcaster.stress.bench;

import dev.devcaster.operator.app.ClassDataArchive;
import dev.devcaster.stress.process.ImageRecipe;
import dev.devcaster.stress.process.OperatorProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How the image starts the operator's JVM, beyond the chart's flags: its ENTRYPOINT's flags, which
 * map the class data archive its build trained (here: the archive the benchmark trained the same
 * way). {@link #verify} checks in the process's memory map that the JVM really mapped it, since a
 * JVM that cannot use an archive starts without it and says nothing.
 *
 * @param recipe          the Dockerfile's recipe; empty when the benchmark runs without the archive
 * @param archive         the local archive; empty likewise
 * @param trainingSeconds how long the training run took
 */
record ImageStart(Optional<ImageRecipe> recipe, Optional<Path> archive, double trainingSeconds) {

    /** The archive made as the image's build makes it: the Dockerfile's training run, with this JVM and the packaged jars. */
    static ImageStart trained(OperatorProcess.Jar jar, Path dir) {
        ImageRecipe recipe = ImageRecipe.ofRepository();
        Path archive = dir.resolve("devcaster-operator.jsa");
        long start = System.nanoTime();
        recipe.train(jar, archive, dir.resolve("image-training.log"));
        return new ImageStart(Optional.of(recipe), Optional.of(archive), (System.nanoTime() - start) / 1e9);
    }

    /** {@code bench.classDataSharing=false}: a JVM without the archive the image maps. */
    static ImageStart without() {
        return new ImageStart(Optional.empty(), Optional.empty(), 0);
    }

    /** For the run's log. */
    String training() {
        return archive.map(a -> String.format("the build's training run wrote the class data archive in %.1f s "
                + "(%d MiB); each operator start maps it, as the image's ENTRYPOINT does", trainingSeconds,
                archiveBytes() / 1048576))
            .orElse("class data sharing OFF (bench.classDataSharing=false): the operator starts without the archive "
                + "the image maps");
    }

    /** The image's classpath, mapped onto the packaged jar and libraries; empty without the archive. */
    Optional<String> classpath(OperatorProcess.Jar jar) {
        return recipe.map(r -> r.localClasspath(jar));
    }

    /** The image's JVM flags with the local archive. */
    List<String> flags() {
        return recipe.map(r -> r.startFlags(archive.orElseThrow())).orElse(List.of());
    }

    String describe() {
        return archive.isPresent() ? "+ the image's " + String.join(" ", flags())
            : "WITHOUT the image's class data archive";
    }

    long archiveBytes() {
        try {
            return archive.isPresent() ? Files.size(archive.get()) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails when the operator runs without the archive it was given: its start would not be the image's. */
    void verify(OperatorProcess operator) {
        if (archive.isEmpty()) {
            return;
        }
        Path maps = Path.of("/proc", Long.toString(operator.pid()), "maps");
        try {
            if (!ClassDataArchive.mapped(archive.get().toString(), Files.readString(maps))) {
                throw new IllegalStateException(operator + " did not map the class data archive " + archive.get()
                    + " (another JVM or classpath than the training run's?): its start is not the image's; "
                    + operator.logFile());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + maps, e);
        }
    }
}
