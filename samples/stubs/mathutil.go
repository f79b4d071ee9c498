package mathutil

// Abs returns the absolute value of n.
func Abs(n int) int {
	panic("TODO")
}

// Max returns the larger of a and b.
func Max(a, b int) int {
	// TODO
}

// Min returns the smaller of a and b.
func Min(a, b int) int {
	if a < b {
		return a
	}
	return b
}

// Boom panics on purpose.
func Boom() {
	panic("boom")
}
