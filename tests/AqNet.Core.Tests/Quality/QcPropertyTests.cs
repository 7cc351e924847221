using AqNet.Core.Data;
using AqNet.Core.Import;
using AqNet.Core.Quality;
using CsCheck;

namespace AqNet.Core.Tests.Quality;

public class QcPropertyTests
{
    // Random series: values with repeats (constant runs), outliers and negatives; a cell is missing (code 0),
    // an explicit blank (1) or observed (2, 3).
    private static readonly Gen<(float[] Values, int[] Codes, int Start)> Series =
        Gen.Int[1, 300].SelectMany(n => Gen.Select(
            Gen.OneOf(Gen.Float[-20f, 2500f], Gen.Const(7f), Gen.Const(7f)).Array[n],
            Gen.Int[0, 3].Array[n],
            Gen.Int[-1000, 600_000]));

    private static ImportBatch Build((float[] Values, int[] Codes, int Start) x, out int observed, out int touched)
    {
        var b = new ImportBatch("test", "UTC");
        observed = touched = 0;
        foreach (var variable in new[] { Variables.Pm25, Variables.Pm10, Variables.Rain })
        {
            var s = b.GetOrAddSeries("S", variable);
            for (var i = 0; i < x.Values.Length; i++)
            {
                if (x.Codes[i] == 0) continue;
                s.Set(x.Start + i, x.Codes[i] == 1 ? float.NaN : x.Values[i], "gen");
                if (variable == Variables.Pm25) { touched++; if (x.Codes[i] > 1) observed++; }
            }
        }
        return b;
    }

    [Fact]
    public void Observed_plus_missing_equals_length()
    {
        Series.Sample(x =>
        {
            var b = Build(x, out var observed, out var touched);
            b.TryGetSeries("S", Variables.Pm25, out var s);
            var (v, m) = s.Dense();
            Assert.Equal(s.Length, v.Length);
            Assert.Equal(observed, m.Count(k => k));
            Assert.Equal(s.Length, m.Count(k => k) + m.Count(k => !k));
            Assert.True(touched == 0 ? s.Length == 0 : s.Length >= touched);
            Assert.All(v.Where((_, i) => !m[i]), f => Assert.True(float.IsNaN(f)));
        }, iter: 200);
    }

    [Fact]
    public void Qc_never_changes_values_or_masks_and_counts_only_observed_values()
    {
        var tight = QcOptions.Default with { ConstantRunHours = 2, SpikeK = 1 };
        Series.Sample(x =>
        {
            var b = Build(x, out var observed, out _);
            var before = b.Series.ToDictionary(k => k.Key, k => k.Value.Dense());
            var report = QualityControl.Apply(b, tight);
            foreach (var (key, s) in b.Series)
            {
                var (v, m) = s.Dense();
                Assert.Equal(before[key].Mask, m);
                Assert.Equal(before[key].Values, v); // NaN compares equal to NaN here
                Assert.Equal(s.Length, s.DenseFlags().Length);
                for (var i = 0; i < m.Length; i++)
                    if (!m[i]) Assert.Equal(0, s.DenseFlags()[i]); // missing hours carry no flag
            }
            Assert.Equal(observed, report.For("S", Variables.Pm25).Observed);
        }, iter: 200);
    }
}
