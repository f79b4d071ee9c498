#include <stdio.h>

/* Return the larger of a and b. */
int max2(int a, int b) {
    /* TODO */
}

/* Return the factorial of n. */
long factorial(int n) {}

int twice(int n) {
    return 2 * n;
}
