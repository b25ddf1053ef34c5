package dev.tasklog.sample;

import dev.tasklog.Task;
import dev.tasklog.TaskLog;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Converts every order to euros, retrying the rate service once when it fails. */
final class CurrencyConverter {

    private static final Logger LOG = LoggerFactory.getLogger(CurrencyConverter.class);

    private final ExchangeRates rates;

    CurrencyConverter(ExchangeRates rates) {
        this.rates = rates;
    }

    /** An order's amount in euros. */
    static final class EuroAmount {
        final Order order;
        final BigDecimal euros;

        EuroAmount(Order order, BigDecimal euros) {
            this.order = order;
            this.euros = euros;
        }
    }

    @Task("convert-currency")
    List<EuroAmount> convert(List<Order> orders) throws InterruptedException, SocketTimeoutException {
        Map<String, BigDecimal> toEuro = fetchWithRetry();
        List<EuroAmount> result = new ArrayList<>(orders.size());
        for (Order o : orders) {
            BigDecimal euros = o.amount().multiply(toEuro.get(o.currency)).setScale(2, RoundingMode.HALF_EVEN);
            result.add(new EuroAmount(o, euros));
            TaskLog.count("converted." + o.currency);
        }
        return result;
    }

    private Map<String, BigDecimal> fetchWithRetry() throws InterruptedException, SocketTimeoutException {
        try {
            return rates.fetch();
        } catch (SocketTimeoutException e) {
            // The deliberate failure of the sample: caught, logged, retried. The task ends WARNING.
            LOG.warn("exchange rates unavailable ({}); retrying once", e.getMessage());
            return rates.fetch();
        }
    }
}
