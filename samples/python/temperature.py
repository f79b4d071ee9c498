"""Temperature conversions: the quick-start sample."""

# Water boils at this temperature in Celsius.
BOILING_POINT_C = 100


def celsius_to_fahrenheit(celsius):
    """Convert degrees Celsius to degrees Fahrenheit."""
    return celsius * 9 / 5 + 32


def is_boiling(celsius):
    """Return True if water boils at this temperature."""
    return celsius >= BOILING_POINT_C
