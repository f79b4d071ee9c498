package shop;

import util.Money;

/** A thing a store sells. */
public class Item {
    protected final String name;
    protected final double price;

    public Item(String name, double price) {
        this.name = name;
        this.price = price;
    }

    public String getName() {
        return name;
    }

    public double cost(int quantity) {
        return Money.roundCents(price * quantity);
    }
}
