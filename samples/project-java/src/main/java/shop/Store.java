package shop;

import java.util.HashMap;
import java.util.Map;
import util.Money;

/** A store keeps stock and sells items. */
public class Store {
    private final Map<String, Item> items = new HashMap<>();
    private final Map<String, Integer> stock = new HashMap<>();

    public void add(Item item, int count) {
        items.put(item.getName(), item);
        stock.put(item.getName(), stock.getOrDefault(item.getName(), 0) + count);
    }

    public int count(String name) {
        return stock.getOrDefault(name, 0);
    }

    /** Sell count of name with percent off; the percentage is clamped to 0..100. */
    public double sell(String name, int count, int percent) {
        int have = stock.getOrDefault(name, 0);
        if (!items.containsKey(name) || have < count) {
            throw new OutOfStockException(name);
        }
        stock.put(name, have - count);
        double total = items.get(name).cost(count);
        return Money.roundCents(total * (100 - Money.clamp(percent, 0, 100)) / 100);
    }
}
