namespace AqNet.Torch.Analysis;

/// <summary>Heads split in two by k-means (k = 2) on their PCA scores. The cluster whose heads attend to more
/// recent hours on average (smaller mean lag) is "short-term", the other "long-term". Each cluster's
/// representative is its most typical-of-its-kind head: the short-term head with the smallest mean lag and the
/// long-term head with the largest. When the heads cannot be split (one head, or identical scores) they form one
/// cluster, named by comparing its mean lag with uniform attention's (w + 1) / 2.</summary>
/// <param name="ShortTerm">[heads] true for the short-term cluster.</param>
/// <param name="ShortRepresentative">Head index, or -1 when the cluster is empty.</param>
/// <param name="LongRepresentative">Head index, or -1 when the cluster is empty.</param>
internal sealed record HeadClusters(bool[] ShortTerm, int ShortRepresentative, int LongRepresentative)
{
    public const string Short = "short-term";
    public const string Long = "long-term";

    public string Name(int head) => ShortTerm[head] ? Short : Long;

    public static HeadClusters Fit(double[][] scores, double[] meanLag, double uniformMeanLag)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(meanLag);
        if (scores.Length != meanLag.Length || scores.Length == 0)
            throw new ArgumentException($"{scores.Length} score rows for {meanLag.Length} heads", nameof(scores));
        var label = KMeans2(scores);
        bool[] isShort;
        if (label.Distinct().Count() < 2)
            isShort = Enumerable.Repeat(meanLag.Average() < uniformMeanLag, scores.Length).ToArray();
        else
        {
            double Lag(int c) => Enumerable.Range(0, label.Length).Where(i => label[i] == c).Average(i => meanLag[i]);
            var shortCluster = Lag(0) <= Lag(1) ? 0 : 1;
            isShort = label.Select(c => c == shortCluster).ToArray();
        }
        var heads = Enumerable.Range(0, scores.Length).ToArray();
        var shortRep = heads.Where(i => isShort[i]).DefaultIfEmpty(-1).MinBy(i => i < 0 ? 0 : meanLag[i]);
        var longRep = heads.Where(i => !isShort[i]).DefaultIfEmpty(-1).MaxBy(i => i < 0 ? 0 : meanLag[i]);
        return new HeadClusters(isShort, shortRep, longRep);
    }

    /// <summary>Labels 0/1 from Lloyd's k-means, started at the two points farthest apart along the first
    /// coordinate (deterministic); all 0 when the points cannot be told apart.</summary>
    internal static int[] KMeans2(double[][] points)
    {
        var n = points.Length;
        var label = new int[n];
        if (n < 2) return label;
        var lo = Enumerable.Range(0, n).MinBy(i => points[i][0]);
        var hi = Enumerable.Range(0, n).MaxBy(i => points[i][0]);
        if (Dist2(points[lo], points[hi]) < 1e-24) return label;
        double[][] centre = [(double[])points[lo].Clone(), (double[])points[hi].Clone()];
        for (var it = 0; it < 100; it++)
        {
            var changed = false;
            for (var i = 0; i < n; i++)
            {
                var c = Dist2(points[i], centre[1]) < Dist2(points[i], centre[0]) ? 1 : 0;
                changed |= c != label[i] || it == 0;
                label[i] = c;
            }
            if (!changed) break;
            for (var c = 0; c < 2; c++)
            {
                var members = Enumerable.Range(0, n).Where(i => label[i] == c).ToArray();
                if (members.Length == 0) continue;   // keeps the old centre; cannot happen from farthest-apart starts
                for (var j = 0; j < centre[c].Length; j++) centre[c][j] = members.Average(i => points[i][j]);
            }
        }
        return label;
    }

    private static double Dist2(double[] a, double[] b)
    {
        double s = 0;
        for (var j = 0; j < a.Length; j++) s += (a[j] - b[j]) * (a[j] - b[j]);
        return s;
    }
}
