package dev.devcaster.emulator.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optional data file. Writes are debounced (a burst of mutations costs one write) and atomic
 * (temp file + rename), so a crash never leaves half a file behind.
 */
public final class StateFile implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StateFile.class);
    private static final long DEBOUNCE_MILLIS = 200;

    private final Path file;
    private final ObjectMapper mapper;
    private final Supplier<SeedDocument> state;
    private final AtomicBoolean writeScheduled = new AtomicBoolean();
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "emulator-state-writer");
        thread.setDaemon(true);
        return thread;
    });

    public StateFile(Path file, ObjectMapper mapper, Supplier<SeedDocument> state) {
        this.file = file;
        this.mapper = mapper;
        this.state = state;
    }

    public Optional<SeedDocument> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.readValue(file.toFile(), SeedDocument.class));
        } catch (IOException e) {
            throw new UncheckedIOException("data file " + file + " unreadable", e);
        }
    }

    public void changed() {
        if (writeScheduled.compareAndSet(false, true)) {
            writer.schedule(this::writeNow, DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void writeNow() {
        writeScheduled.set(false);
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            mapper.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), state.get());
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not write data file {}", file, e);
        }
    }

    /** Writes what is pending and stops the writer. */
    @Override
    public void close() {
        writer.shutdownNow();
        writeNow();
    }
}
