package shop;

import util.Money;

/** An item that is sold at half price on its last day. */
public class Perishable extends Item {
    private final int daysLeft;

    public Perishable(String name, double price, int daysLeft) {
        super(name, price);
        this.daysLeft = daysLeft;
    }

    @Override
    public double cost(int quantity) {
        if (daysLeft <= 1) {
            return Money.roundCents(price * quantity / 2);
        }
        return super.cost(quantity);
    }
}
