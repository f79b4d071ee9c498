// A small dense matrix class, a template helper and free functions.
#include <algorithm>
#include <iostream>
#include <stdexcept>
#include <vector>

namespace linalg {

/// A row-major matrix of doubles.
class Matrix {
public:
    Matrix(std::size_t rows, std::size_t cols) : rows_(rows), cols_(cols), data_(rows * cols, 0.0) {}

    double &at(std::size_t r, std::size_t c) { return data_[r * cols_ + c]; }

    double at(std::size_t r, std::size_t c) const { return data_[r * cols_ + c]; }

    // Matrix product; throws when the shapes do not match.
    Matrix operator*(const Matrix &other) const;

    std::size_t rows() const { return rows_; }

private:
    std::size_t rows_, cols_;
    std::vector<double> data_;
};

Matrix Matrix::operator*(const Matrix &other) const {
    if (cols_ != other.rows_) {
        throw std::invalid_argument("shape mismatch");
    }
    Matrix out(rows_, other.cols_);
    for (std::size_t i = 0; i < rows_; ++i)
        for (std::size_t j = 0; j < other.cols_; ++j)
            for (std::size_t k = 0; k < cols_; ++k)
                out.at(i, j) += at(i, k) * other.at(k, j);
    return out;
}

}  // namespace linalg

struct Point {
    int x = 0;
    int y = 0;
    int manhattan() const { return std::abs(x) + std::abs(y); }
};

/// Clamp a value into [lo, hi].
template <typename T>
T clamp(T value, T lo, T hi) {
    return std::max(lo, std::min(value, hi));
}

template <typename T>
class Stack {
public:
    void push(const T &item) { items_.push_back(item); }
    T pop() {
        T top = items_.back();
        items_.pop_back();
        return top;
    }

private:
    std::vector<T> items_;
};

static int *make_counts(int n) {
    int *counts = new int[n]();
    auto bump = [counts](int i) { counts[i] += 1; };
    for (int i = 0; i < n; ++i) bump(i);
    return counts;
}

int main() {
    linalg::Matrix m(2, 2);
    m.at(0, 0) = 1.0;
    std::cout << clamp(5, 0, 3) << " " << (m * m).at(0, 0) << std::endl;
    delete[] make_counts(3);
    return 0;
}
