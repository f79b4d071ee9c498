package util;

/** Rounding and clamping for prices. */
public final class Money {
    private Money() {}

    /** Round an amount to whole cents. */
    public static double roundCents(double amount) {
        return Math.round(amount * 100) / 100.0;
    }

    /** Keep value inside low..high. */
    public static int clamp(int value, int low, int high) {
        return Math.max(low, Math.min(high, value));
    }
}
