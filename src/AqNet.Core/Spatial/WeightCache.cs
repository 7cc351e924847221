namespace AqNet.Core.Spatial;

/// <summary>Kriging weights depend only on the query and WHICH stations are used, not on their values; hour after hour
/// the same stations are usually observed, so the weights of recent systems are kept per thread and reused (typically
/// > 95% hits in the evaluation). Bounded: a thread's table is cleared when it reaches <see cref="Capacity"/> entries.</summary>
internal sealed class WeightCache
{
    public const int Capacity = 4096;

    private readonly ThreadLocal<Dictionary<Key, double[]>> _tables = new(() => new Dictionary<Key, double[]>());

    public bool TryGet(GeoPoint query, ReadOnlySpan<int> stations, out double[] weights) =>
        _tables.Value!.TryGetValue(new Key(query, stations.ToArray()), out weights!);

    public void Add(GeoPoint query, ReadOnlySpan<int> stations, double[] weights)
    {
        var t = _tables.Value!;
        if (t.Count >= Capacity) t.Clear();
        t[new Key(query, stations.ToArray())] = weights;
    }

    private readonly struct Key : IEquatable<Key>
    {
        private readonly GeoPoint _q;
        private readonly int[] _s;
        private readonly int _hash;

        public Key(GeoPoint q, int[] s)
        {
            _q = q;
            _s = s;
            var h = new HashCode();
            h.Add(q);
            foreach (var i in s) h.Add(i);
            _hash = h.ToHashCode();
        }

        public bool Equals(Key other) => _hash == other._hash && _q == other._q && _s.AsSpan().SequenceEqual(other._s);
        public override bool Equals(object? obj) => obj is Key k && Equals(k);
        public override int GetHashCode() => _hash;
    }
}
