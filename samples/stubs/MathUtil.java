// Integer helpers; the stubs throw UnsupportedOperationException.
public class MathUtil {
    public MathUtil() {}

    /** Greatest common divisor of a and b. */
    public static int gcd(int a, int b) {
        throw new UnsupportedOperationException();
    }

    /** Whether n is prime. */
    public static boolean isPrime(int n) {
        // TODO
    }

    public static int square(int n) {
        return n * n;
    }
}
