package dev.tasklog.agent.store;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the JDBC driver of a store that is not HSQLDB (whose driver the agent brings). The agent
 * bundles no other driver: it comes from {@code db.driver-path} (jar files, for an application
 * packaged so that its class path cannot be read, or for the command line), else from the
 * application's class path, as {@code DriverManager} and the context class loader see it.
 */
final class Drivers {

    /** One class loader per driver path, made once: loading a driver's classes twice would cost memory for nothing. */
    private static final Map<String, ClassLoader> LOADERS = new ConcurrentHashMap<>();

    private Drivers() {
    }

    /**
     * @param url        a JDBC URL
     * @param driverPath {@code db.driver-path}: jar files separated by the path separator or
     *                   commas, or empty
     * @return a driver that accepts the URL
     * @throws SQLException when none does, saying where a driver can be put
     */
    static Driver find(String url, String driverPath) throws SQLException {
        if (driverPath != null && !driverPath.isBlank()) {
            Driver d = fromLoader(url, LOADERS.computeIfAbsent(driverPath.trim(), Drivers::loaderFor));
            if (d != null) {
                return d;
            }
            throw new SQLException("no JDBC driver for " + Urls.safe(url) + " in db.driver-path " + driverPath);
        }
        try {
            return DriverManager.getDriver(url);
        } catch (SQLException notRegistered) {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            Driver d = context == null ? null : fromLoader(url, context);
            if (d != null) {
                return d;
            }
            throw new SQLException("no JDBC driver for " + Urls.safe(url) + " on the class path; put the driver's jar"
                    + " on the application's class path or name it in db.driver-path");
        }
    }

    private static Driver fromLoader(String url, ClassLoader loader) throws SQLException {
        for (Driver d : ServiceLoader.load(Driver.class, loader)) {
            if (d.acceptsURL(url)) {
                return d;
            }
        }
        return null;
    }

    private static ClassLoader loaderFor(String driverPath) {
        List<URL> jars = new ArrayList<>();
        for (String part : driverPath.split("[,\\" + File.pathSeparator + "]")) {
            if (part.isBlank()) {
                continue;
            }
            Path jar = Path.of(part.trim());
            if (!Files.isReadable(jar)) {
                throw new IllegalArgumentException("db.driver-path: cannot read " + jar.toAbsolutePath());
            }
            try {
                jars.add(jar.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("db.driver-path: " + part + " is not a file path");
            }
        }
        // Parent: the platform loader, so that the driver sees java.sql but none of the agent's classes.
        return new URLClassLoader(jars.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    }
}
