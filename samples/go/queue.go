// Package queue implements a bounded FIFO queue and a few helpers.
package queue

import (
	"errors"
	"fmt"
	"strings"
)

// ErrFull is returned by Push when the queue is at capacity.
var ErrFull = errors.New("queue is full")

const defaultCapacity = 8

// Queue is a bounded first-in, first-out queue of strings.
type Queue struct {
	items    []string
	capacity int
}

// Sizer is anything with a length.
type Sizer interface {
	Len() int
}

type Pair[K comparable, V any] struct {
	Key   K
	Value V
}

// New returns an empty queue; capacity <= 0 means the default.
func New(capacity int) *Queue {
	if capacity <= 0 {
		capacity = defaultCapacity
	}
	return &Queue{capacity: capacity}
}

// Push appends an item at the back.
func (q *Queue) Push(item string) error {
	if len(q.items) >= q.capacity {
		return ErrFull
	}
	q.items = append(q.items, item)
	return nil
}

// Pop removes the front item; ok is false when the queue is empty.
func (q *Queue) Pop() (item string, ok bool) {
	if len(q.items) == 0 {
		return "", false
	}
	item, q.items = q.items[0], q.items[1:]
	return item, true
}

func (q Queue) Len() int { return len(q.items) }

func (q Queue) String() string {
	return fmt.Sprintf("Queue[%s]", strings.Join(q.items, ", "))
}

// Map applies f to every item of xs.
func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func counter() func() int {
	n := 0
	return func() int {
		n++
		return n
	}
}
