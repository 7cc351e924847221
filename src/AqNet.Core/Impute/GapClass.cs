using System.Reflection;
using System.Text.Json.Serialization;

namespace AqNet.Core.Impute;

/// <summary>How long the gap a test point sits in is: the run of consecutive hours without input at its station in the
/// view the model estimates from. Short gaps are interpolation in time; long ones, and hidden stations, need the neighbours.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GapClass>))]
public enum GapClass
{
    [JsonStringEnumMemberName("1-3 h")] Hours1To3,
    [JsonStringEnumMemberName("4-12 h")] Hours4To12,
    [JsonStringEnumMemberName("13-48 h")] Hours13To48,
    [JsonStringEnumMemberName("over 48 h")] Over48,
    /// <summary>The station is hidden: never read at any hour (virtual sensing).</summary>
    [JsonStringEnumMemberName("station hidden")] StationHidden,
}

public static class GapClasses
{
    /// <summary>The name results.json and the report use.</summary>
    public static string Label(GapClass c) =>
        typeof(GapClass).GetField(c.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()!.Name;

    public static GapClass Of(int hours) => hours switch
    {
        <= 3 => GapClass.Hours1To3,
        <= 12 => GapClass.Hours4To12,
        <= 48 => GapClass.Hours13To48,
        _ => GapClass.Over48,
    };

    /// <summary>Per cell of <paramref name="view"/>'s [T, S] input: the class of the gap the cell is in (cells with input
    /// get the class of a 1-hour gap; they are never scored). A gap runs to the panel's edges where no input closes it.</summary>
    public static GapClass[] Of(ImputeView view)
    {
        var (T, S) = (view.Task.T, view.Task.S);
        var classes = new GapClass[T * S];
        for (var s = 0; s < S; s++)
        {
            if (view.Hidden[s])
            {
                for (var t = 0; t < T; t++) classes[t * S + s] = GapClass.StationHidden;
                continue;
            }
            for (var t = 0; t < T;)
            {
                if (view.Input[t * S + s]) { t++; continue; }
                var end = t;
                while (end < T && !view.Input[end * S + s]) end++;
                var c = Of(end - t);
                for (var h = t; h < end; h++) classes[h * S + s] = c;
                t = end;
            }
        }
        return classes;
    }
}
