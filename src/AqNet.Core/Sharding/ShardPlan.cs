using AqNet.Core.Data;

namespace AqNet.Core.Sharding;

/// <summary>A half-open range [Start, Start + Count) of hours, grid rows or stations.</summary>
public readonly record struct Span1(int Start, int Count)
{
    public int End => Start + Count;
}

/// <summary>One unit of work: a time slice × a group (grid rows for `reanalyze`, stations for `fill`), written as one
/// part file by the shard that owns it.</summary>
public sealed record ShardUnit(int Slice, int Group, Span1 Hours, Span1 Items, int Shard)
{
    /// <summary>The part's file name without extension, e.g. part-t0001-g0002.</summary>
    public string Name => $"part-t{Slice:D4}-g{Group:D4}";
}

/// <summary>Splits a job of <c>hours</c> × <c>items</c> (grid rows or stations) into time slices × groups and deals the
/// units to shards round-robin (unit u = slice·Groups + group goes to shard u mod N). Deterministic: the plan depends
/// only on its inputs, so every shard computes the same plan on its own. Time is cut only at allowed boundaries
/// (<c>firstCut</c> + k·<c>cutEvery</c> hours, the local-day boundaries of a reanalysis), so each slice's work matches
/// the single-process run's; without time slicing (daily products, whose yearly summaries need the whole period) the
/// plan splits the groups only.</summary>
public sealed class ShardPlan
{
    private ShardPlan(int shards, IReadOnlyList<Span1> slices, IReadOnlyList<Span1> groups)
    {
        (Shards, Slices, Groups) = (shards, slices, groups);
        Units = [.. from s in Enumerable.Range(0, slices.Count)
                    from g in Enumerable.Range(0, groups.Count)
                    select new ShardUnit(s, g, slices[s], groups[g], (s * groups.Count + g) % shards)];
    }

    public int Shards { get; }
    public IReadOnlyList<Span1> Slices { get; }
    public IReadOnlyList<Span1> Groups { get; }
    public IReadOnlyList<ShardUnit> Units { get; }

    public IEnumerable<ShardUnit> UnitsOf(int shard) => Units.Where(u => u.Shard == shard);

    /// <summary>The plan for <paramref name="shards"/> shards: the most time slices (at most the shard count, and a divisor
    /// of it) that the allowed cuts permit, each as close to an even share of the hours as the cuts allow; then groups
    /// until there are at least as many units as shards (never more groups than items). With fewer units than shards,
    /// the last shards get no work.</summary>
    public static ShardPlan Create(int hours, int items, int shards, bool sliceTime, int firstCut = 0, int cutEvery = 24)
    {
        Guard.AtLeast(hours, 1, nameof(hours));
        Guard.AtLeast(items, 1, nameof(items));
        Guard.AtLeast(shards, 1, nameof(shards));
        Guard.AtLeast(cutEvery, 1, nameof(cutEvery));
        var cuts = Cuts(hours, ((firstCut % cutEvery) + cutEvery) % cutEvery, cutEvery);
        // As many time slices as possible that divide the shard count, so units deal evenly to shards.
        var ts = sliceTime ? Enumerable.Range(1, Math.Min(shards, cuts.Count - 1)).Last(t => shards % t == 0) : 1;
        var gs = Math.Min(items, (shards + ts - 1) / ts);
        var bounds = new List<int> { 0 };
        for (var i = 1; i < ts; i++)   // the allowed cut nearest the even split, leaving room for the slices after it
        {
            var target = (double)i * hours / ts;
            var lo = bounds[^1] + 1;
            var hi = cuts.Count - 1 - (ts - i);
            bounds.Add(Enumerable.Range(lo, hi - lo + 1).MinBy(c => Math.Abs(cuts[c] - target)));
        }
        bounds.Add(cuts.Count - 1);
        var slices = Enumerable.Range(0, ts).Select(i => new Span1(cuts[bounds[i]], cuts[bounds[i + 1]] - cuts[bounds[i]])).ToList();
        var groups = Enumerable.Range(0, gs).Select(g => new Span1(Even(g, items, gs), Even(g + 1, items, gs) - Even(g, items, gs))).ToList();
        return new ShardPlan(shards, slices, groups);
    }

    /// <summary>0, the allowed cuts firstCut + k·cutEvery inside (0, hours), and hours.</summary>
    private static List<int> Cuts(int hours, int firstCut, int cutEvery)
    {
        var cuts = new List<int> { 0 };
        for (var c = firstCut == 0 ? cutEvery : firstCut; c < hours; c += cutEvery) cuts.Add(c);
        cuts.Add(hours);
        return cuts;
    }

    private static int Even(int i, int n, int parts) => (int)((long)i * n / parts);
}
