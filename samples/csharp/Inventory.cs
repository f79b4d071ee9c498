// An inventory of products: a class with properties, a struct, an interface and LINQ helpers.
using System;
using System.Collections.Generic;
using System.Linq;

namespace Samples.Shop
{
    /// <summary>Something that has a price.</summary>
    public interface IPriced
    {
        decimal Price { get; }
    }

    public struct Money
    {
        public decimal Amount;

        public Money(decimal amount)
        {
            Amount = amount;
        }

        public override string ToString() => $"{Amount:0.00}";
    }

    /// <summary>
    /// A product line with a stock count.
    /// </summary>
    [Serializable]
    public class Product : IPriced
    {
        public string Name { get; }
        public decimal Price { get; private set; }
        public int Stock { get; set; }

        public Product(string name, decimal price)
        {
            Name = name;
            Price = price;
        }

        // Lower the price by a fraction between 0 and 1.
        public void Discount(decimal fraction)
        {
            if (fraction < 0 || fraction > 1)
            {
                throw new ArgumentOutOfRangeException(nameof(fraction));
            }
            Price *= 1 - fraction;
        }
    }

    public static class InventoryExtensions
    {
        /// <summary>Total value of the stock.</summary>
        public static decimal TotalValue(this IEnumerable<Product> products)
        {
            return products.Sum(p => p.Price * p.Stock);
        }

        public static IEnumerable<Product> LowStock(this IEnumerable<Product> products, int threshold = 3)
        {
            bool IsLow(Product p) => p.Stock < threshold;
            return products.Where(IsLow).OrderBy(p => p.Name);
        }
    }

    public enum Category { Food, Tools, Toys }

    public record Sale(string ProductName, int Quantity);
}
