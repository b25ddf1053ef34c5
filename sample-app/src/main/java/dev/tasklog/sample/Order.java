package dev.tasklog.sample;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One valid order line of the input file. */
final class Order {
    final String id;
    final String customer;
    final String country;
    final String product;
    final int quantity;
    final BigDecimal unitPrice;
    final String currency;
    final LocalDate date;

    Order(String id, String customer, String country, String product, int quantity, BigDecimal unitPrice,
          String currency, LocalDate date) {
        this.id = id;
        this.customer = customer;
        this.country = country;
        this.product = product;
        this.quantity = quantity;
        this.unitPrice = unitPrice;
        this.currency = currency;
        this.date = date;
    }

    BigDecimal amount() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}
