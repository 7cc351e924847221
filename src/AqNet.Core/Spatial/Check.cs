using AqNet.Core.Data;

namespace AqNet.Core.Spatial;

/// <summary>Argument checks for programmer-supplied values: the message names the parameter, the value and what is allowed.</summary>
internal static class Check
{
    public static void Longitude(double lon, string name)
    {
        if (!(lon >= -180 && lon <= 180)) // written this way so NaN fails too
            throw new ArgumentOutOfRangeException(name, lon, $"{name} = {Fmt.D(lon)}; expected a longitude in degrees within [-180, 180]");
    }

    public static void Latitude(double lat, string name)
    {
        if (!(lat >= -90 && lat <= 90))
            throw new ArgumentOutOfRangeException(name, lat, $"{name} = {Fmt.D(lat)}; expected a latitude in degrees within [-90, 90]");
    }

    public static void Positive(double v, string name)
    {
        if (!(v > 0) || double.IsInfinity(v))
            throw new ArgumentOutOfRangeException(name, v, $"{name} = {Fmt.D(v)}; expected a finite number > 0");
    }

    public static void NonNegative(double v, string name)
    {
        if (!(v >= 0) || double.IsInfinity(v))
            throw new ArgumentOutOfRangeException(name, v, $"{name} = {Fmt.D(v)}; expected a finite number >= 0");
    }

    public static void AtLeast(int v, int min, string name)
    {
        if (v < min) throw new ArgumentOutOfRangeException(name, v, $"{name} = {v}; expected an integer >= {min}");
    }
}
