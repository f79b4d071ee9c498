#include <string>

class Counter {
public:
    Counter() {}
    ~Counter() {}

    // Add one to the count.
    void increment() {}

    int value() const { return count_; }

private:
    int count_ = 0;
};

// Repeat s n times.
std::string repeat(const std::string& s, int n) {
    // TODO: complete
    return "";
}
