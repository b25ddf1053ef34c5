package dev.tasklog.sample;

import dev.tasklog.Task;
import dev.tasklog.TaskLog;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Random;

/**
 * Writes the night's input: a CSV of orders, the same every time, with a few broken records in it
 * (as real exports have).
 */
final class OrderFileGenerator {

    static final String HEADER = "id,customer,country,product,quantity,unit_price,currency,date";
    private static final String[] COUNTRIES = {"NL", "BE", "DE", "FR", "GB", "US", "SE", "ES"};
    private static final String[] PRODUCTS = {"widget", "gadget", "sprocket", "gizmo", "doohickey"};
    private static final String[] CURRENCIES = {"EUR", "EUR", "EUR", "USD", "GBP", "SEK"};

    @Task("generate-input")
    Path generate(Path file, int records) throws IOException {
        Random random = new Random(20261121L);
        Files.createDirectories(file.getParent());
        LocalDate start = LocalDate.of(2026, 11, 1);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.newLine();
            for (int i = 1; i <= records; i++) {
                String country = COUNTRIES[random.nextInt(COUNTRIES.length)];
                int quantity = 1 + random.nextInt(20);
                String price = BigDecimal.valueOf(100 + random.nextInt(9900), 2).setScale(2, RoundingMode.UNNECESSARY).toPlainString();
                String currency = CURRENCIES[random.nextInt(CURRENCIES.length)];
                String date = start.plusDays(random.nextInt(20)).toString();
                // Every 120th record is broken in one of four ways.
                switch (i % 480) {
                    case 120: country = ""; break;
                    case 240: quantity = -quantity; break;
                    case 360: date = "2026-13-01"; break;
                    case 0: currency = "XYZ"; break;
                    default: break;
                }
                out.write(String.join(",", String.format("ORD-%05d", i), "customer-" + (1 + random.nextInt(400)), country,
                        PRODUCTS[random.nextInt(PRODUCTS.length)], Integer.toString(quantity), price, currency, date));
                out.newLine();
                TaskLog.count("records");
            }
        }
        return file;
    }
}
