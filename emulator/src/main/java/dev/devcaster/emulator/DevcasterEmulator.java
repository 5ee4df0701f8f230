package dev.devcaster.emulator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.devcaster.emulator.admin.AdminApi;
import dev.devcaster.emulator.api.PublicApi;
import dev.devcaster.emulator.catalog.Catalog;
import dev.devcaster.emulator.catalog.CatalogRef;
import dev.devcaster.emulator.faults.Faults;
import dev.devcaster.emulator.model.MatchKeyMode;
import dev.devcaster.emulator.requests.RequestLog;
import dev.devcaster.emulator.state.SeedDocument;
import dev.devcaster.emulator.state.StateFile;
import dev.devcaster.emulator.store.Project;
import dev.devcaster.emulator.store.Projects;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.Collection;
import java.util.Optional;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A local Devcaster API server: the public API under /api/v3 and /api/v3.1, the admin surface
 * under /_emulator, and this in-process handle for tests. One API key is one isolated project.
 * This class only composes the parts; each lives in its own package.
 */
public final class DevcasterEmulator implements AutoCloseable {

    /** Enough for 50 concurrent clients plus Jetty's acceptors and selectors. */
    private static final int MAX_THREADS = 200;

    private final EmulatorConfig config;
    /** Snake case like the public API, also for the records the admin surface returns. */
    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final Faults faults;
    private final Projects projects;
    private final RequestLog requestLog;
    private final StateFile stateFile;
    private final CatalogRef catalog;
    private Javalin app;

    private DevcasterEmulator(EmulatorConfig config) {
        this.config = config;
        this.faults = new Faults(config.matchKeyMode());
        this.projects = new Projects(faults::currentMatchKeyMode, this::changed);
        this.requestLog = new RequestLog(config.requestLogCapacity());
        this.catalog = new CatalogRef(config.catalog() == null ? Catalog.builtIn() : Catalog.load(config.catalog()));
        this.stateFile = config.dataFile() == null ? null : new StateFile(config.dataFile(), mapper, projects::snapshot);
    }

    public static DevcasterEmulator start(EmulatorConfig config) {
        DevcasterEmulator emulator = new DevcasterEmulator(config);
        emulator.loadInitialState();
        emulator.startServer();
        return emulator;
    }

    private void loadInitialState() {
        if (stateFile != null) {
            stateFile.load().ifPresent(this::seed);
        }
        if (config.seed() != null) {
            try {
                seed(mapper.readValue(Files.readAllBytes(config.seed()), SeedDocument.class));
            } catch (IOException e) {
                throw new UncheckedIOException("seed file " + config.seed() + " unreadable", e);
            }
        }
    }

    private void startServer() {
        PublicApi publicApi = new PublicApi(projects::existing, catalog, faults, requestLog, mapper);
        AdminApi adminApi = new AdminApi(projects, faults, requestLog, catalog, new AdminApi.Lifecycle() {
            @Override
            public void seed(SeedDocument document) {
                DevcasterEmulator.this.seed(document);
            }

            @Override
            public void reset() {
                DevcasterEmulator.this.reset();
            }
        }, mapper);
        app = Javalin.create(javalin -> {
            javalin.showJavalinBanner = false;
            javalin.startupWatcherEnabled = false;
            javalin.jsonMapper(new JavalinJackson(mapper, false));
            javalin.jetty.threadPool = new QueuedThreadPool(MAX_THREADS, 8);
        });
        publicApi.register(app);
        adminApi.register(app);
        app.start(config.host(), config.port());
    }

    public URI baseUrl() {
        String host = "0.0.0.0".equals(config.host()) ? "127.0.0.1" : config.host();
        return URI.create("http://" + host + ":" + port());
    }

    public int port() {
        return app.port();
    }

    /** Get-or-create: the first use of a key creates its empty project. */
    public Project project(String apiKey) {
        return projects.project(apiKey);
    }

    /** The key's project if the key is known; the public API answers 401 otherwise. */
    public Optional<Project> existingProject(String apiKey) {
        return projects.existing(apiKey);
    }

    public Collection<Project> projects() {
        return projects.all();
    }

    /** A second key for an existing project (a rotated key): both see the same data. */
    public void addKey(String newKey, String existingKey) {
        projects.addKey(newKey, existingKey);
    }

    /** The key stops working (401, as a revoked key); the project's data stays readable from tests. */
    public void revokeKey(String apiKey) {
        projects.revokeKey(apiKey);
    }

    public void reinstateKey(String apiKey, Project project) {
        projects.reinstateKey(apiKey, project);
    }

    /** Drops all projects, triggers, faults and the request log; the catalog stays. */
    public void reset() {
        projects.clear();
        faults.clear();
        requestLog.clear();
        changed();
    }

    /** Adds what the document describes; existing projects keep what they have. */
    public void seed(SeedDocument document) {
        if (document.matchKeyMode() != null) {
            faults.matchKeyMode(MatchKeyMode.parse(document.matchKeyMode()));
        }
        projects.seed(document.projects());
        changed();
    }

    /** Every project in the seed format: what the data file holds (faults are not state). */
    public SeedDocument snapshot() {
        return projects.snapshot();
    }

    public Catalog catalog() {
        return catalog.get();
    }

    public void replaceCatalog(Catalog replacement) {
        catalog.replace(replacement);
    }

    public Faults faults() {
        return faults;
    }

    public RequestLog requestLog() {
        return requestLog;
    }

    private void changed() {
        if (stateFile != null) {
            stateFile.changed();
        }
    }

    @Override
    public void close() {
        if (app != null) {
            app.stop();
        }
        if (stateFile != null) {
            stateFile.close();
        }
    }
}
