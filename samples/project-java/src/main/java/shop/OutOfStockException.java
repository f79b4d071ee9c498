package shop;

/** Raised when a sale asks for more than the store has. */
public class OutOfStockException extends RuntimeException {
    public OutOfStockException(String name) {
        super(name);
    }
}
