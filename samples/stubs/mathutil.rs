/// The greatest common divisor of a and b.
pub fn gcd(a: u64, b: u64) -> u64 {
    todo!()
}

/// Whether n is even.
pub fn is_even(n: i64) -> bool {
    unimplemented!("is_even");
}

pub struct Counter {
    count: u32,
}

impl Counter {
    /// Add one to the count.
    pub fn increment(&mut self) {}

    pub fn value(&self) -> u32 {
        self.count
    }
}
