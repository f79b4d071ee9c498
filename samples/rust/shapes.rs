//! Shapes with areas: a trait, structs, an enum and free functions.
use std::collections::HashMap;
use std::fmt;

/// Anything with an area.
pub trait Shape {
    fn area(&self) -> f64;

    fn describe(&self) -> String {
        format!("shape with area {:.2}", self.area())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Circle {
    pub radius: f64,
}

/// An axis-aligned rectangle.
#[derive(Debug, Clone, PartialEq)]
pub struct Rect {
    pub width: f64,
    pub height: f64,
}

pub enum Kind {
    Round,
    Square(u32),
}

impl Circle {
    pub fn new(radius: f64) -> Self {
        Circle { radius }
    }
}

impl Shape for Circle {
    fn area(&self) -> f64 {
        std::f64::consts::PI * self.radius * self.radius
    }
}

impl Shape for Rect {
    // Width times height.
    fn area(&self) -> f64 {
        self.width * self.height
    }
}

impl fmt::Display for Rect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}x{}", self.width, self.height)
    }
}

/// Sum of the areas of all shapes.
pub fn total_area(shapes: &[Box<dyn Shape>]) -> f64 {
    shapes.iter().map(|s| s.area()).sum()
}

fn count_words(text: &str) -> HashMap<&str, usize> {
    let mut counts = HashMap::new();
    for word in text.split_whitespace() {
        *counts.entry(word).or_insert(0) += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn circle_area() {
        fn close(a: f64, b: f64) -> bool {
            (a - b).abs() < 1e-9
        }
        assert!(close(Circle::new(1.0).area(), std::f64::consts::PI));
    }
}
