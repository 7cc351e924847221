using AqNet.Core.Sharding;
using CsCheck;

namespace AqNet.Core.Tests.Sharding;

public sealed class ShardPlanTests
{
    [Fact]
    public void Every_cell_hour_is_in_exactly_one_unit_and_every_unit_in_one_shard()
    {
        Gen.Select(Gen.Int[1, 400], Gen.Int[1, 60], Gen.Int[1, 40], Gen.Bool, Gen.Int[0, 23]).Sample((hours, items, shards, slice, cut) =>
        {
            var plan = ShardPlan.Create(hours, items, shards, slice, cut);
            var seen = new int[hours * items];
            foreach (var u in plan.Units)
            {
                Assert.InRange(u.Shard, 0, shards - 1);
                Assert.True(u.Hours.Count > 0 && u.Items.Count > 0, $"empty unit {u}");
                for (var t = u.Hours.Start; t < u.Hours.End; t++)
                    for (var i = u.Items.Start; i < u.Items.End; i++) seen[t * items + i]++;
            }
            Assert.All(seen, c => Assert.Equal(1, c));
            Assert.Equal(plan.Units.Count, Enumerable.Range(0, shards).Sum(s => plan.UnitsOf(s).Count()));
        });
    }

    [Fact]
    public void Time_is_cut_only_at_the_allowed_boundaries_and_not_at_all_without_time_slicing()
    {
        Gen.Select(Gen.Int[1, 400], Gen.Int[1, 30], Gen.Int[1, 16], Gen.Int[0, 23]).Sample((hours, items, shards, cut) =>
        {
            var plan = ShardPlan.Create(hours, items, shards, sliceTime: true, firstCut: cut);
            Assert.All(plan.Slices.Skip(1), s => Assert.Equal(cut % 24, s.Start % 24));
            Assert.Single(ShardPlan.Create(hours, items, shards, sliceTime: false, firstCut: cut).Slices);
        });
    }

    [Fact]
    public void The_plan_depends_only_on_its_inputs_and_uses_every_shard_when_it_can()
    {
        var a = ShardPlan.Create(24 * 31, 700, 4, true, 16);
        var b = ShardPlan.Create(24 * 31, 700, 4, true, 16);
        Assert.Equal(a.Units, b.Units);
        Assert.Equal(4, a.Slices.Count);
        Assert.Equal([0, 1, 2, 3], a.Units.Select(u => u.Shard).Distinct().Order());
        // Two days, four shards: two time slices × two bands of rows.
        var small = ShardPlan.Create(48, 45, 4, true, 16);
        Assert.Equal((2, 2), (small.Slices.Count, small.Groups.Count));
        Assert.Equal([new Span1(0, 16), new Span1(16, 32)], small.Slices);
        Assert.Equal([new Span1(0, 22), new Span1(22, 23)], small.Groups);
        Assert.Equal([0, 1, 2, 3], small.Units.Select(u => u.Shard));
    }

    [Fact]
    public void More_shards_than_units_leave_the_last_shards_without_work()
    {
        var plan = ShardPlan.Create(5, 2, 8, true);
        Assert.Equal(2, plan.Units.Count);
        Assert.Empty(plan.UnitsOf(7));
    }
}
