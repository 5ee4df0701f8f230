package dev.devcaster.operator.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code java -cp … dev.devcaster.operator.http.ReadyCheck URL [SECONDS]}: exits 0 as soon as
 * {@code URL} (the operator's {@code /readyz}) answers 200, 1 when it has not within SECONDS
 * (default 60). The chart's {@code helm test} Pod runs it from the operator's own image, so the
 * test needs no other image and no shell.
 */
public final class ReadyCheck {

    private static final Duration PAUSE = Duration.ofSeconds(2);

    private ReadyCheck() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: ReadyCheck URL [SECONDS]");
            System.exit(2);
        }
        Duration patience = Duration.ofSeconds(args.length == 2 ? Long.parseLong(args[1]) : 60);
        System.exit(check(URI.create(args[0]), patience) ? 0 : 1);
    }

    /** Asks until a 200 or until {@code patience} is over; prints every answer. */
    static boolean check(URI url, Duration patience) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            String answer;
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(3))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    System.out.println(url + ": " + response.statusCode() + " " + response.body().strip());
                    return true;
                }
                answer = response.statusCode() + " " + response.body().strip();
            } catch (IOException e) {
                answer = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            System.out.println(url + ": " + answer);
            if (System.nanoTime() + PAUSE.toNanos() > deadline) {
                return false;
            }
            Thread.sleep(PAUSE.toMillis());
        }
    }
}
