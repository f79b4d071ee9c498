package samples.bank;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A bank account with a transaction history.
 */
public class BankAccount {
    private final String owner;
    private long balanceCents;
    private final List<Transaction> history = new ArrayList<>();

    /** A single deposit or withdrawal. */
    public record Transaction(String kind, long amountCents) {
        public boolean isDeposit() {
            return "deposit".equals(kind);
        }
    }

    public enum Tier { BASIC, GOLD }

    public BankAccount(String owner) {
        this.owner = owner;
    }

    /**
     * Add money to the account.
     */
    public void deposit(long amountCents) {
        if (amountCents <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        balanceCents += amountCents;
        history.add(new Transaction("deposit", amountCents));
    }

    // Take money out; refuses to overdraw.
    public boolean withdraw(long amountCents) {
        if (amountCents > balanceCents) {
            return false;
        }
        balanceCents -= amountCents;
        history.add(new Transaction("withdraw", amountCents));
        return true;
    }

    @Override
    public String toString() {
        return owner + ": " + balanceCents;
    }

    public List<Transaction> select(Predicate<Transaction> keep) {
        List<Transaction> out = new ArrayList<>();
        history.forEach(t -> {
            if (keep.test(t)) {
                out.add(t);
            }
        });
        return out;
    }

    public static <T extends Comparable<T>> T max(List<T> items) {
        T best = items.get(0);
        for (T item : items) {
            if (item.compareTo(best) > 0) {
                best = item;
            }
        }
        return best;
    }
}

interface Auditor {
    boolean approve(BankAccount account);
}
