using AqNet.Core.Data;

namespace AqNet.Core.Impute;

/// <summary>The task a production model is fitted on (`aqnet fit`): every station and every hour, with no test part.
/// The last <see cref="ValidationHours"/> of every <see cref="CycleHours"/> are validation hours, spread over the whole
/// record so every season is checked; gaps are hidden there in the block protocol's patterns, and those points choose the
/// early stop and calibrate the interval. The model trains on all other hours.</summary>
public static class ImputeProduction
{
    public const int CycleHours = 30 * 24;
    public const int ValidationHours = 3 * 24;

    public static ImputeTask Task(Panel panel, string variable, int utcOffsetHours, int seed = 20_250_101)
    {
        var (T, S) = (panel.Hours, panel.S);
        if (T < 2 * CycleHours)
            throw new InputException($"the store holds {T} hours; a production model needs at least {2 * CycleHours} hours (two months) to train and validate on");
        var roles = new HourRole[T];
        for (var t = 0; t < T; t++) roles[t] = t % CycleHours >= CycleHours - ValidationHours ? HourRole.Validation : HourRole.Train;
        var input = Usable(panel, variable);
        var o = new ImputeProtocolOptions { Kind = ImputeProtocolKind.Block, Seed = seed };
        var val = GapPatterns.Blocks(input, roles, HourRole.Validation, S, o.BlockStartRate, o.BlockMinHours, o.BlockMaxHours, o.BlockPointRate, new Random(seed));
        if (!val.Any(b => b)) throw new InputException("the store has no observations in the validation hours; expected a record with data throughout");
        var none = new bool[S];
        var fold = new ImputeFold("production", input, new HiddenPoints(none, new bool[T * S]), [new HiddenPoints(none, val)]);
        return new ImputeTask(panel, variable, utcOffsetHours, roles, [fold], o);
    }

    /// <summary>A task whose every hour is an input hour (no validation, no test): what a fitted model reads when it fills
    /// a panel. Inputs are the observations not flagged by quality control.</summary>
    public static ImputeTask Inputs(Panel panel, string variable, int utcOffsetHours)
    {
        var (T, S) = (panel.Hours, panel.S);
        var input = Usable(panel, variable);
        var none = new bool[S];
        var fold = new ImputeFold("fill", input, new HiddenPoints(none, new bool[T * S]), []);
        return new ImputeTask(panel, variable, utcOffsetHours, new HourRole[T], [fold], new ImputeProtocolOptions());
    }

    private static bool[] Usable(Panel panel, string variable) => Quality.QcFlagBits.Usable(panel, panel.VariableIndex(variable));
}
