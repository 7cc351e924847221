namespace AqNet.Core.Data;

/// <summary>AqNet's one argument-check helper, for values a programmer passes (options, constructor arguments): a
/// failed check throws <see cref="ArgumentOutOfRangeException"/> whose message names the parameter, the value and what
/// is allowed ("Epochs = 0; expected an integer &gt;= 1"). Every comparison is written so that NaN fails too. Bad
/// values read from a user's files or command line are <see cref="InputException"/>s instead.</summary>
public static class Guard
{
    /// <summary>An integer of at least <paramref name="min"/>.</summary>
    public static void AtLeast(int v, int min, string name)
    {
        if (v < min) throw Fail(name, v, v.ToString(Fmt.Inv), $"an integer >= {min.ToString(Fmt.Inv)}");
    }

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>]; <paramref name="what"/> says what it is
    /// ("a UTC offset in hours").</summary>
    public static void InRange(int v, int min, int max, string name, string what = "an integer")
    {
        if (v < min || v > max) throw Fail(name, v, v.ToString(Fmt.Inv), $"{what} in [{min.ToString(Fmt.Inv)}, {max.ToString(Fmt.Inv)}]");
    }

    /// <summary>A number in [<paramref name="min"/>, <paramref name="max"/>]; <paramref name="what"/> says what it is.</summary>
    public static void InRange(double v, double min, double max, string name, string what = "a number")
    {
        if (!(v >= min && v <= max)) throw Fail(name, v, Fmt.D(v), $"{what} in [{Fmt.D(min)}, {Fmt.D(max)}]");
    }

    /// <summary>A number strictly between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public static void Between(double v, double min, double max, string name, string what = "a number")
    {
        if (!(v > min && v < max)) throw Fail(name, v, Fmt.D(v), $"{what} in ({Fmt.D(min)}, {Fmt.D(max)})");
    }

    /// <summary>A finite number &gt; 0.</summary>
    public static void Positive(double v, string name)
    {
        if (!(v > 0) || double.IsInfinity(v)) throw Fail(name, v, Fmt.D(v), "a finite number > 0");
    }

    /// <summary>A finite number &gt;= 0.</summary>
    public static void NonNegative(double v, string name)
    {
        if (!(v >= 0) || double.IsInfinity(v)) throw Fail(name, v, Fmt.D(v), "a finite number >= 0");
    }

    /// <summary>A finite number; <paramref name="what"/> says what it is ("an observation in µg/m³").</summary>
    public static void Finite(double v, string name, string what = "a finite number")
    {
        if (!double.IsFinite(v)) throw Fail(name, v, Fmt.D(v), what);
    }

    /// <summary>A fraction in [0, 1].</summary>
    public static void Fraction(double v, string name) => InRange(v, 0, 1, name, "a fraction");

    /// <summary>A probability in [0, 1) (a dropout rate).</summary>
    public static void Probability(double v, string name)
    {
        if (!(v >= 0 && v < 1)) throw Fail(name, v, Fmt.D(v), "a probability in [0, 1)");
    }

    /// <summary>A per-step decay of a moving average: 0 (off) or a number in (0, 1).</summary>
    public static void Decay(double v, string name)
    {
        if (!(v >= 0 && v < 1)) throw Fail(name, v, Fmt.D(v), "0 (off) or a decay in (0, 1)");
    }

    /// <summary>A whole-hour UTC offset in [-12, 14].</summary>
    public static void UtcOffset(int hours, string name) => InRange(hours, -12, 14, name, "a UTC offset in hours");

    /// <summary>A longitude in degrees within [-180, 180].</summary>
    public static void Longitude(double lon, string name)
    {
        if (!(lon >= -180 && lon <= 180)) throw Fail(name, lon, Fmt.D(lon), "a longitude in degrees within [-180, 180]");
    }

    /// <summary>A latitude in degrees within [-90, 90].</summary>
    public static void Latitude(double lat, string name)
    {
        if (!(lat >= -90 && lat <= 90)) throw Fail(name, lat, Fmt.D(lat), "a latitude in degrees within [-90, 90]");
    }

    /// <summary>One or more integers, each at least <paramref name="min"/> (and all different when
    /// <paramref name="distinct"/>); <paramref name="what"/> says what they are ("neighbour counts").</summary>
    public static void Integers(IReadOnlyList<int> v, int min, string name, string what = "integers", bool distinct = false)
    {
        ArgumentNullException.ThrowIfNull(v, name);
        if (v.Count == 0 || v.Any(x => x < min) || (distinct && v.Distinct().Count() != v.Count))
            throw Fail(name, string.Join(",", v.Select(x => x.ToString(Fmt.Inv))), "[" + string.Join(", ", v.Select(x => x.ToString(Fmt.Inv))) + "]",
                $"one or more{(distinct ? " distinct" : "")} {what} >= {min.ToString(Fmt.Inv)}");
    }

    /// <summary>A named member of the enum <typeparamref name="T"/>.</summary>
    public static void Defined<T>(T v, string name) where T : struct, Enum
    {
        if (!Enum.IsDefined(v)) throw Fail(name, v, v.ToString(), $"one of {string.Join(", ", Enum.GetNames<T>())}");
    }

    private static ArgumentOutOfRangeException Fail(string name, object value, string shown, string expected) =>
        new(name, value, $"{name} = {shown}; expected {expected}");
}
