package shop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ItemTest {
    @Test
    void costRoundsToCents() {
        assertEquals(0.1, new Item("clip", 0.0333).cost(3), 1e-9);
    }

    @Test
    void perishableIsHalfPriceOnItsLastDay() {
        assertEquals(3.0, new Perishable("milk", 2.0, 1).cost(3), 1e-9);
        assertEquals(6.0, new Perishable("milk", 2.0, 5).cost(3), 1e-9);
    }
}
