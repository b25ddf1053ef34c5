package dev.tasklog.agent.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tasklog.agent.util.Diagnostics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The web admin: server-rendered pages and a JSON API over a store, on the JDK's HTTP server. It
 * only reads, except the cleanup, which needs a POST carrying this server's token. Every request
 * opens its own connection, so the admin keeps answering while an application writes.
 */
public final class AdminServer implements AutoCloseable {

    /** Where the admin gets a connection to the store, one per request. */
    @FunctionalInterface
    public interface Store {
        /**
         * @return a new connection
         * @throws SQLException when the store cannot be opened
         */
        Connection open() throws SQLException;
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Store store;
    private final String token;
    private final byte[] css;

    private AdminServer(HttpServer server, ExecutorService executor, Store store) throws IOException {
        this.server = server;
        this.executor = executor;
        this.store = store;
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        StringBuilder hex = new StringBuilder();
        for (byte x : random) {
            hex.append(String.format("%02x", x));
        }
        this.token = hex.toString();
        try (InputStream in = AdminServer.class.getResourceAsStream("admin.css")) {
            this.css = in == null ? new byte[0] : in.readAllBytes();
        }
    }

    /**
     * Starts serving.
     *
     * @param bind  the address to listen on, e.g. {@code 127.0.0.1}
     * @param port  the port; 0 for any free one
     * @param store the store to show
     * @return the running server
     * @throws IOException when the address cannot be bound
     */
    public static AdminServer start(String bind, int port, Store store) throws IOException {
        // The JDK's server writes a response's headers and body separately; with Nagle's algorithm
        // on, a keep-alive client waits for its own delayed ACK (40 ms) before the body arrives.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        HttpServer http = HttpServer.create(new InetSocketAddress(bind, port), 50);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "tasklog-admin-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        AdminServer admin = new AdminServer(http, executor, store);
        http.createContext("/", admin::handle);
        http.setExecutor(executor);
        startAsDaemon(http);
        return admin;
    }

    /**
     * The server's dispatcher thread takes its daemon flag from the thread that starts it; started
     * from the application's main thread it would keep the application's JVM from ending.
     */
    private static void startAsDaemon(HttpServer http) throws IOException {
        Thread starter = new Thread(http::start, "tasklog-admin-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the admin", e);
        }
    }

    /** @return the admin's address, e.g. {@code http://127.0.0.1:8080/} */
    public URI url() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        boolean api = exchange.getRequestURI().getRawPath().startsWith("/api/");
        try {
            try {
                route(exchange, Request.of(exchange), api);
            } catch (HttpError e) {
                send(exchange, e.status, api ? Api.error(e) : errorPage(e.status, e.getMessage()), api);
            } catch (SQLException e) {
                Diagnostics.once("admin:sql:" + e.getSQLState(), "admin: the store could not be read: " + e);
                String message = "The store could not be read: " + e.getMessage();
                send(exchange, 503, api ? Api.error(new HttpError(503, message)) : errorPage(503, message), api);
            } catch (RuntimeException e) {
                Diagnostics.once("admin:" + e.getClass().getName(), "admin: internal error: " + e);
                send(exchange, 500, api ? Api.error(new HttpError(500, "internal error")) : errorPage(500,
                        "Something went wrong inside the admin; it is reported on the server's stderr."), api);
            }
        } catch (IOException e) {
            // the browser went away: nothing to answer
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange, Request r, boolean api) throws IOException, HttpError, SQLException {
        String path = r.path;
        if (path.equals("/static/admin.css")) {
            exchange.getResponseHeaders().set("Content-Type", "text/css; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "max-age=3600");
            exchange.sendResponseHeaders(200, css.length);
            exchange.getResponseBody().write(css);
            return;
        }
        if (path.equals("/") || path.isEmpty()) {
            exchange.getResponseHeaders().set("Location", "/runs");
            exchange.sendResponseHeaders(302, -1);
            return;
        }
        boolean post = r.method.equals("POST");
        if (!post && !r.method.equals("GET") && !r.method.equals("HEAD")) {
            throw new HttpError(405, "This address takes GET" + (path.equals("/cleanup") ? " and POST" : "") + ".");
        }
        if (post && !path.equals("/cleanup")) {
            throw new HttpError(405, "Only the cleanup changes data; this address takes GET.");
        }
        try (Connection c = store.open()) {
            String body = api ? Api.answer(c, r, path) : page(c, r, path, post);
            send(exchange, 200, body, api);
        }
    }

    private String page(Connection c, Request r, String path, boolean post) throws HttpError, SQLException {
        if (path.equals("/runs")) {
            return RunsPage.render(c, r);
        }
        if (path.startsWith("/runs/")) {
            return RunPage.render(c, Request.parseId("run id", segment(path, "/runs/")), r);
        }
        if (path.equals("/logs")) {
            return LogsPage.render(c, r);
        }
        if (path.startsWith("/tasks/")) {
            return TaskHistoryPage.render(c, segment(path, "/tasks/"));
        }
        if (path.equals("/cleanup")) {
            return post ? CleanupPage.perform(c, r, token) : CleanupPage.form(c, token);
        }
        throw HttpError.notFound("There is no page " + path + ".");
    }

    /** @return the one path segment after {@code prefix}, decoded */
    static String segment(String path, String prefix) throws HttpError {
        String rest = path.substring(prefix.length());
        if (rest.isEmpty() || rest.contains("/")) {
            throw HttpError.notFound("There is no page " + path + ".");
        }
        try {
            return URLDecoder.decode(rest.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("the address is not properly encoded");
        }
    }

    private static String errorPage(int status, String message) {
        String title = status == 404 ? "Not found" : status == 400 ? "Bad request" : status == 403 ? "Refused" : "Error";
        return Html.page(title, "<div class=\"error-page\" id=\"error\"><h1>" + status + " " + title + "</h1><p>"
                + Html.esc(message) + "</p><p><a href=\"/runs\">Back to the runs</a></p></div>");
    }

    private static void send(HttpExchange exchange, int status, String body, boolean json) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", json ? "application/json; charset=utf-8" : "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
