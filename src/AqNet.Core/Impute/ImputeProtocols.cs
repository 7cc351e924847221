using AqNet.Core.Data;
using AqNet.Core.Quality;

namespace AqNet.Core.Impute;

/// <summary>Builds the folds of a protocol from a panel (one variable). Times are split by the network's local
/// calendar (AQI-36's months) or chronologically (70 / 10 / 20 by default); hidden points come from
/// <see cref="GapPatterns"/> with the protocol's seed.</summary>
public static class ImputeProtocols
{
    public static ImputeTask Build(Panel panel, string variable, int utcOffsetHours, ImputeProtocolOptions o)
    {
        o.Validate();
        var v = panel.VariableIndex(variable);
        var (T, S) = (panel.Hours, panel.S);
        var observed = new bool[T * S];
        var benchmark = new bool[T * S];
        for (var t = 0; t < T; t++)
            for (var s = 0; s < S; s++)
            {
                var p = panel.Index(t, s, v);
                observed[t * S + s] = panel.Mask[p];
                benchmark[t * S + s] = panel.Mask[p] && (panel.Flags[p] & (byte)QcFlags.BenchmarkPoint) != 0;
            }
        var hasBenchmark = benchmark.Any(b => b);
        // A benchmark's protocol fixes its points (every ground value counts); elsewhere values that quality control
        // flagged (a sensor's 553,405 µg/m³, a stuck run) are neither inputs nor scored.
        if (!hasBenchmark)
        {
            var usable = QcFlagBits.Usable(panel, v);
            for (var i = 0; i < observed.Length; i++) observed[i] &= usable[i];
        }
        if (o.Kind == ImputeProtocolKind.Aqi36 && !hasBenchmark)
            throw new InputException($"protocol aqi36 needs the benchmark's evaluation points, and this store has none; ingest the AQI-36 folder with `aqnet ingest aqi36 DIR --store FILE`");
        var virtualHidden = o.Kind == ImputeProtocolKind.Virtual ? HiddenStations(panel, o, hasBenchmark) : null;
        var roles = hasBenchmark && o.Kind is ImputeProtocolKind.Aqi36 or ImputeProtocolKind.Virtual
            ? MonthRoles(panel, utcOffsetHours, o.Development)
            : FractionRoles(T, o);
        // AQI-36's input is the benchmark's "missing" table everywhere: its evaluation points are never read.
        var input = new bool[T * S];
        for (var i = 0; i < input.Length; i++) input[i] = observed[i] && !(hasBenchmark && benchmark[i]) && roles[i / S] != HourRole.Unused;
        var rng = new Random(o.Seed);
        var none = new bool[S];
        var folds = new List<ImputeFold>();
        switch (o.Kind)
        {
            case ImputeProtocolKind.Aqi36:
                // The benchmark's points in the training months are never read either (the input is the "missing"
                // table), so they validate beside the protocol's validation hours: in every season, not only in the
                // weeks before each test month, which are easier or harder than the months that follow them.
                folds.Add(new ImputeFold("aqi36", input, new HiddenPoints(none, Where(benchmark, roles, HourRole.Test, S)),
                    [new HiddenPoints(none, Where(benchmark, roles, HourRole.Validation, S)), new HiddenPoints(none, Where(benchmark, roles, HourRole.Train, S))]));
                break;
            case ImputeProtocolKind.Point:
            case ImputeProtocolKind.Block:
            {
                var test = Pattern(o, input, roles, HourRole.Test, S, rng);
                var val = Pattern(o, input, roles, HourRole.Validation, S, rng);
                var fit = (bool[])input.Clone();
                for (var i = 0; i < fit.Length; i++) if (test[i]) fit[i] = false;
                folds.Add(new ImputeFold(Name(o.Kind), fit, new HiddenPoints(none, test), [new HiddenPoints(none, val)]));
                break;
            }
            case ImputeProtocolKind.Virtual:
            {
                folds.Add(StationFold("virtual", virtualHidden!, observed, input, roles, S, rng));
                break;
            }
            case ImputeProtocolKind.Loso:
            {
                var located = Enumerable.Range(0, S).Where(s => panel.Stations[s].HasCoordinates).ToArray();
                if (located.Length < 3) throw new InputException($"protocol loso needs at least 3 located stations; the store has {located.Length}");
                var groups = RoundRobin(located.OrderBy(_ => rng.Next()).ToArray(), o.LosoGroups, S);
                for (var g = 0; g < groups.Length; g++)
                    folds.Add(DarkFold($"loso {g + 1}/{groups.Length}", groups[g], observed, input, roles, located, S, rng));
                break;
            }
        }
        return new ImputeTask(panel, variable, utcOffsetHours, roles, folds, o);
    }

    /// <summary>Hidden stations scored at every observed test hour; validation hides groups of the other stations in turn.</summary>
    private static ImputeFold StationFold(string name, bool[] hidden, bool[] observed, bool[] input, HourRole[] roles, int S, Random rng)
    {
        var test = new bool[observed.Length];
        for (var i = 0; i < test.Length; i++) test[i] = hidden[i % S] && observed[i] && roles[i / S] == HourRole.Test;
        var fit = (bool[])input.Clone();
        for (var i = 0; i < fit.Length; i++) if (hidden[i % S]) fit[i] = false;
        var visible = Enumerable.Range(0, S).Where(s => !hidden[s]).OrderBy(_ => rng.Next()).ToArray();
        var validation = new List<HiddenPoints>();
        foreach (var group in RoundRobin(visible, 4, S))
        {
            var h = (bool[])hidden.Clone();
            for (var s = 0; s < S; s++) h[s] |= group[s];
            var eval = new bool[observed.Length];
            for (var i = 0; i < eval.Length; i++) eval[i] = h[i % S] && !hidden[i % S] && fit[i] && roles[i / S] == HourRole.Validation;
            validation.Add(new HiddenPoints(h, eval));
        }
        return new ImputeFold(name, fit, new HiddenPoints(hidden, test), validation);
    }

    /// <summary>LOSO: the group's stations go dark over the test part and are scored at every observed test hour; their
    /// earlier hours stay readable (a station that stopped reporting, not a place that never had one: that is
    /// <c>virtual</c>). Validation darkens groups of the located stations over the validation hours in turn.</summary>
    private static ImputeFold DarkFold(string name, bool[] group, bool[] observed, bool[] input, HourRole[] roles, int[] located, int S, Random rng)
    {
        var test = new bool[observed.Length];
        var fit = (bool[])input.Clone();
        for (var i = 0; i < test.Length; i++)
            if (group[i % S] && roles[i / S] == HourRole.Test)
            {
                test[i] = observed[i];
                fit[i] = false;
            }
        var none = new bool[S];
        var validation = new List<HiddenPoints>();
        foreach (var dark in RoundRobin(located.OrderBy(_ => rng.Next()).ToArray(), 4, S))
        {
            var eval = new bool[observed.Length];
            for (var i = 0; i < eval.Length; i++) eval[i] = dark[i % S] && fit[i] && roles[i / S] == HourRole.Validation;
            validation.Add(new HiddenPoints(none, eval));
        }
        return new ImputeFold(name, fit, new HiddenPoints(none, test), validation);
    }

    /// <summary>The stations of <paramref name="order"/> dealt in turn into at most <paramref name="groups"/> groups, each [S].</summary>
    private static bool[][] RoundRobin(int[] order, int groups, int S)
    {
        var n = Math.Min(groups, order.Length);
        var r = new bool[n][];
        for (var g = 0; g < n; g++)
        {
            r[g] = new bool[S];
            for (var i = g; i < order.Length; i += n) r[g][order[i]] = true;
        }
        return r;
    }

    private static bool[] HiddenStations(Panel panel, ImputeProtocolOptions o, bool aqi36)
    {
        var ids = o.Hidden ?? (aqi36 ? ImputeProtocolOptions.Aqi36VirtualStations
            : throw new InputException("protocol virtual needs --hidden IDS on a store other than AQI-36 (e.g. --hidden Dongsi,Wanliu)"));
        if (ids.Count == 0) throw new InputException("--hidden names no station; expected one or more station ids");
        var hidden = new bool[panel.S];
        foreach (var id in ids)
        {
            var s = panel.Stations.Select((st, i) => (st, i)).FirstOrDefault(x => x.st.Id == id.Trim());
            if (s.st is null)
                throw new InputException($"--hidden names station '{id}', which this store does not hold; it has {string.Join(", ", panel.Stations.Take(12).Select(x => x.Id))}{(panel.S > 12 ? ", …" : "")}");
            hidden[s.i] = true;
        }
        if (hidden.All(h => h)) throw new InputException("--hidden names every station; expected at least one station left to estimate from");
        return hidden;
    }

    private static bool[] Pattern(ImputeProtocolOptions o, bool[] input, HourRole[] roles, HourRole role, int S, Random rng) =>
        o.Kind == ImputeProtocolKind.Point
            ? GapPatterns.Points(input, roles, role, S, o.PointRate, rng)
            : GapPatterns.Blocks(input, roles, role, S, o.BlockStartRate, o.BlockMinHours, o.BlockMaxHours, o.BlockPointRate, rng);

    private static bool[] Where(bool[] cells, HourRole[] roles, HourRole role, int S)
    {
        var r = new bool[cells.Length];
        for (var i = 0; i < r.Length; i++) r[i] = cells[i] && roles[i / S] == role;
        return r;
    }

    /// <summary>AQI-36: test = the local months 3, 6, 9, 12; validation = the hours just before each test month, together
    /// a tenth of the other hours (as tsl's splitter); the rest trains. Development: the real test months are unused,
    /// and the months before them (2, 5, 8, 11) are the test.</summary>
    internal static HourRole[] MonthRoles(Panel panel, int utcOffsetHours, bool development)
    {
        var T = panel.Hours;
        var roles = new HourRole[T];
        var months = development ? ImputeProtocolOptions.Aqi36TestMonths.Select(m => m == 1 ? 12 : m - 1).ToArray() : [.. ImputeProtocolOptions.Aqi36TestMonths];
        for (var t = 0; t < T; t++)
        {
            var m = panel.TimeAt(t).AddHours(utcOffsetHours).Month;
            roles[t] = months.Contains(m) ? HourRole.Test
                : development && ImputeProtocolOptions.Aqi36TestMonths.Contains(m) ? HourRole.Unused : HourRole.Train;
        }
        var valLen = roles.Count(r => r == HourRole.Train) / 10 / months.Length;
        for (var t = 1; t < T; t++)
            if (roles[t] == HourRole.Test && roles[t - 1] != HourRole.Test)
                for (var k = t - 1; k >= 0 && k >= t - valLen; k--)
                    if (roles[k] == HourRole.Train) roles[k] = HourRole.Validation;
        return roles;
    }

    /// <summary>Chronological: train | validation | test by shares of the hours; development re-splits the hours before the test.</summary>
    internal static HourRole[] FractionRoles(int T, ImputeProtocolOptions o)
    {
        var roles = new HourRole[T];
        var usable = T;
        if (o.Development)
        {
            usable = T - (int)Math.Round(T * o.TestFraction);
            for (var t = usable; t < T; t++) roles[t] = HourRole.Unused;
        }
        var test = (int)Math.Round(usable * o.TestFraction);
        var val = (int)Math.Round(usable * o.ValidationFraction);
        if (usable - test - val < 48 || val < 24 || test < 24)
            throw new InputException($"the store's {T} hours are too few to split into training, validation and test parts; expected at least a few days in each");
        for (var t = usable - test - val; t < usable - test; t++) roles[t] = HourRole.Validation;
        for (var t = usable - test; t < usable; t++) roles[t] = HourRole.Test;
        return roles;
    }

    private static string Name(ImputeProtocolKind k) => ImputeProtocolOptions.Name(k);
}
