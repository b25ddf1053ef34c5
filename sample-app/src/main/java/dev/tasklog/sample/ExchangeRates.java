package dev.tasklog.sample;

import dev.tasklog.SubTask;
import java.math.BigDecimal;
import java.net.SocketTimeoutException;
import java.util.Map;

/**
 * A stand-in for a remote rate service that times out on the first call of the night, as remote
 * services do. The failed call is still timed and shows up as a failed sub-task.
 */
final class ExchangeRates {

    private int calls;

    @SubTask("fetch-rates")
    Map<String, BigDecimal> fetch() throws SocketTimeoutException, InterruptedException {
        Thread.sleep(30);
        if (calls++ == 0) {
            throw new SocketTimeoutException("rate service did not answer within 30 ms");
        }
        return Map.of("EUR", BigDecimal.ONE, "USD", new BigDecimal("0.92"), "GBP", new BigDecimal("1.17"),
                "SEK", new BigDecimal("0.087"));
    }
}
