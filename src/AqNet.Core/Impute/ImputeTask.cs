using AqNet.Core.Data;

namespace AqNet.Core.Impute;

/// <summary>What each hour of the panel is for. A training window lies wholly in <see cref="Train"/> hours.</summary>
public enum HourRole : byte { Train, Validation, Test, Unused }

/// <summary>One variable of a panel laid out [hour, station] with the protocol's folds. <see cref="Truth"/> holds every
/// observation (NaN elsewhere); which of them a model may read is each fold's business.</summary>
public sealed class ImputeTask
{
    public ImputeTask(Panel panel, string variable, int utcOffsetHours, HourRole[] roles, IReadOnlyList<ImputeFold> folds, ImputeProtocolOptions protocol)
    {
        Panel = panel;
        Variable = variable;
        UtcOffsetHours = utcOffsetHours;
        T = panel.Hours;
        S = panel.S;
        var v = panel.VariableIndex(variable);
        Truth = new float[T * S];
        Observed = new bool[T * S];
        for (var t = 0; t < T; t++)
            for (var s = 0; s < S; s++)
            {
                var p = panel.Index(t, s, v);
                Observed[t * S + s] = panel.Mask[p];
                Truth[t * S + s] = panel.Mask[p] ? panel.Values[p] : float.NaN;
            }
        if (roles.Length != T) throw new ArgumentException($"roles has {roles.Length} hours; expected {T}", nameof(roles));
        Roles = roles;
        Folds = folds;
        Protocol = protocol;
    }

    public Panel Panel { get; }
    public string Variable { get; }
    public int UtcOffsetHours { get; }
    public int T { get; }
    public int S { get; }
    public IReadOnlyList<Station> Stations => Panel.Stations;
    /// <summary>[T, S] observations in the variable's unit, NaN where not observed.</summary>
    public float[] Truth { get; }
    /// <summary>[T, S] true where observed.</summary>
    public bool[] Observed { get; }
    public HourRole[] Roles { get; }
    public IReadOnlyList<ImputeFold> Folds { get; }
    public ImputeProtocolOptions Protocol { get; }

    public int HoursWith(HourRole role) => Roles.Count(r => r == role);
}

/// <summary>Points to reconstruct with some stations hidden: <see cref="Eval"/> [T, S] is scored; <see cref="Hidden"/>
/// [S] stations are never read (not as inputs, not as neighbours).</summary>
public sealed record HiddenPoints(bool[] Hidden, bool[] Eval);

/// <summary>One model fit: what it may read (<see cref="Input"/> [T, S], never a test point), the stations it never
/// sees, the test points, and the validation points (each set hidden in turn, with its stations) that choose settings
/// and calibrate intervals. Validation points are removed from the input a model trains on.</summary>
public sealed record ImputeFold(string Name, bool[] Input, HiddenPoints Test, IReadOnlyList<HiddenPoints> Validation)
{
    public bool[] Hidden => Test.Hidden;

    /// <summary>The input a model fits on: <see cref="Input"/> without any validation point and without hidden stations.</summary>
    public bool[] TrainingInput(int s)
    {
        var m = (bool[])Input.Clone();
        foreach (var v in Validation)
            for (var i = 0; i < m.Length; i++)
                if (v.Eval[i]) m[i] = false;
        for (var i = 0; i < m.Length; i++)
            if (Hidden[i % s]) m[i] = false;
        return m;
    }
}

/// <summary>What a model reads for one estimate pass: the task, the input mask [T, S] and the hidden stations [S].</summary>
public sealed record ImputeView(ImputeTask Task, bool[] Input, bool[] Hidden)
{
    /// <summary>Stations a model may use as neighbours: not hidden and located.</summary>
    public bool Visible(int s) => !Hidden[s] && Task.Stations[s].HasCoordinates;
}
