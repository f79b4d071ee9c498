package shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StoreTest {
    private Store store;

    @BeforeEach
    void setUp() {
        store = new Store();
        store.add(new Item("pen", 1.5), 4);
    }

    @Test
    void sellReducesStock() {
        assertEquals(3.0, store.sell("pen", 2, 0), 1e-9);
        assertEquals(2, store.count("pen"));
    }

    @Test
    void sellAppliesDiscount() {
        assertEquals(2.7, store.sell("pen", 2, 10), 1e-9);
    }

    @Test
    void sellingTooManyThrows() {
        assertThrows(OutOfStockException.class, () -> store.sell("pen", 5, 0));
        assertEquals(4, store.count("pen"));
    }
}
