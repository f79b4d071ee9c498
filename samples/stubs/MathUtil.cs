using System;

public class MathUtil
{
    public MathUtil() {}

    /// <summary>Cube of n.</summary>
    public static int Cube(int n)
    {
        throw new NotImplementedException();
    }

    public static int Square(int n)
    {
        return n * n;
    }
}
