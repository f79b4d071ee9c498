/* A growable vector of doubles and a few numeric helpers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define INITIAL_CAPACITY 4

typedef struct {
    double *data;
    size_t len;
    size_t cap;
} Vector;

struct point {
    int x;
    int y;
};

/* Create an empty vector; returns NULL when out of memory. */
Vector *vector_new(void)
{
    Vector *v = malloc(sizeof *v);
    if (v == NULL) {
        return NULL;
    }
    v->data = malloc(INITIAL_CAPACITY * sizeof(double));
    v->len = 0;
    v->cap = INITIAL_CAPACITY;
    return v;
}

// Append a value, doubling the capacity when full.
int vector_push(Vector *v, double value)
{
    if (v->len == v->cap) {
        double *grown = realloc(v->data, 2 * v->cap * sizeof(double));
        if (grown == NULL) {
            return -1;
        }
        v->data = grown;
        v->cap *= 2;
    }
    v->data[v->len++] = value;
    return 0;
}

static double vector_sum(const Vector *v)
{
    double total = 0.0;
    for (size_t i = 0; i < v->len; i++) {
        total += v->data[i];
    }
    return total;
}

void vector_free(Vector *v)
{
    if (v != NULL) {
        free(v->data);
        free(v);
    }
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

const char **split_words(char *line, size_t *count);

int main(void)
{
    Vector *v = vector_new();
    vector_push(v, 1.5);
    vector_push(v, 2.5);
    qsort(v->data, v->len, sizeof(double), compare_doubles);
    printf("%.1f\n", vector_sum(v));
    vector_free(v);
    return 0;
}
